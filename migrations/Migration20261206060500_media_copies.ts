import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060500_media_copies extends Migration {

  override name = 'Migration20261206060500_media_copies';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" add "media_copied_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" drop column "media_copied_at";`);
  }

}
