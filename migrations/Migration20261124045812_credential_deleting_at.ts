import { Migration } from '@mikro-orm/migrations';

export class Migration20261124045812_credential_deleting_at extends Migration {

  override name = 'Migration20261124045812_credential_deleting_at';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" add "deleting_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" drop column "deleting_at";`);
  }

}
