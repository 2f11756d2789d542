import { Migration } from '@mikro-orm/migrations';

export class Migration20261206050000_webhook_fields extends Migration {

  override name = 'Migration20261206050000_webhook_fields';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_webhooks" add column "subscribed_fields" text[] not null default '{}', add column "fields_note" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_webhooks" drop column "subscribed_fields", drop column "fields_note";`);
  }

}
