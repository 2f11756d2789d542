import { Migration } from '@mikro-orm/migrations';

export class Migration20261205162431_message_retention extends Migration {

  override name = 'Migration20261205162431_message_retention';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" add "message_retention_days" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" drop column "message_retention_days";`);
  }

}
