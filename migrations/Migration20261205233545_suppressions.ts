import { Migration } from '@mikro-orm/migrations';

export class Migration20261205233545_suppressions extends Migration {

  override name = 'Migration20261205233545_suppressions';

  override up(): void | Promise<void> {
    this.addSql(`create table "whatsapp_suppressions" ("id" uuid not null, "user_id" uuid not null, "credential_id" uuid not null, "customer_wa_id" text not null, "reason" text null, "source" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "whatsapp_suppressions_user_idx" on "whatsapp_suppressions" ("user_id");`);
    this.addSql(`alter table "whatsapp_suppressions" add constraint "whatsapp_suppressions_credential_customer_unique" unique ("credential_id", "customer_wa_id");`);

    this.addSql(`alter table "whatsapp_suppressions" add constraint "whatsapp_suppressions_credential_id_foreign" foreign key ("credential_id") references "whatsapp_credentials" ("id") on delete cascade;`);
    this.addSql(`alter table "whatsapp_suppressions" add constraint "whatsapp_suppressions_source_check" check ("source" in ('keyword', 'meta_131050', 'manual'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "whatsapp_suppressions" cascade;`);
  }

}
