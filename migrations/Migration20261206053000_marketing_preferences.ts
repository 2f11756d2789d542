import { Migration } from '@mikro-orm/migrations';

export class Migration20261206053000_marketing_preferences extends Migration {

  override name = 'Migration20261206053000_marketing_preferences';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_suppressions" add column "marketing_only" boolean not null default false;`);
    this.addSql(`alter table "whatsapp_suppressions" drop constraint "whatsapp_suppressions_source_check";`);
    this.addSql(`alter table "whatsapp_suppressions" add constraint "whatsapp_suppressions_source_check" check ("source" in ('keyword', 'meta_131050', 'manual', 'meta_user_preferences'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "whatsapp_suppressions" where "source" = 'meta_user_preferences';`);
    this.addSql(`alter table "whatsapp_suppressions" drop constraint "whatsapp_suppressions_source_check";`);
    this.addSql(`alter table "whatsapp_suppressions" add constraint "whatsapp_suppressions_source_check" check ("source" in ('keyword', 'meta_131050', 'manual'));`);
    this.addSql(`alter table "whatsapp_suppressions" drop column "marketing_only";`);
  }

}
