import { Migration } from '@mikro-orm/migrations';

export class Migration20261206051500_message_edits extends Migration {

  override name = 'Migration20261206051500_message_edits';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" add column "edits" jsonb not null default '[]', add column "edited_at" timestamptz null, add column "revoked_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" drop column "edits", drop column "edited_at", drop column "revoked_at";`);
  }

}
