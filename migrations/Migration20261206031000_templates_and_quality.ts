import { Migration } from '@mikro-orm/migrations';

export class Migration20261206031000_templates_and_quality extends Migration {

  override name = 'Migration20261206031000_templates_and_quality';

  override up(): void | Promise<void> {
    this.addSql(`create table "whatsapp_templates" ("id" uuid not null, "user_id" uuid not null, "credential_id" uuid not null, "business_account_id" text not null, "meta_template_id" text null, "name" text not null, "language" text not null, "status" text not null, "category" text null, "parameter_format" text not null default 'POSITIONAL', "components" jsonb null, "quality_score" text null, "reason" text null, "synced_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "whatsapp_templates" add constraint "whatsapp_templates_credential_name_language_unique" unique ("credential_id", "name", "language");`);
    this.addSql(`create index "whatsapp_templates_user_account_idx" on "whatsapp_templates" ("user_id", "business_account_id", "name", "language");`);
    this.addSql(`alter table "whatsapp_templates" add constraint "whatsapp_templates_credential_id_foreign" foreign key ("credential_id") references "whatsapp_credentials" ("id") on delete cascade;`);

    this.addSql(`alter table "whatsapp_credentials" add column "messaging_limit" text null, add column "throughput_level" text null, add column "quality_flagged" boolean not null default false, add column "templates_synced_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "whatsapp_templates" cascade;`);
    this.addSql(`alter table "whatsapp_credentials" drop column "messaging_limit", drop column "throughput_level", drop column "quality_flagged", drop column "templates_synced_at";`);
  }

}
