import { Migration } from '@mikro-orm/migrations';

export class Migration20261124023127_platform_migration extends Migration {

  override name = 'Migration20261124023127_platform_migration';

  override up(): void | Promise<void> {
    this.addSql(`create table "platform_credential_state" ("id" smallint not null default 1, "deprecated_at" timestamptz null, "deprecated_by" uuid null, "retired_at" timestamptz null, primary key ("id"));`);

    this.addSql(`create table "user_credential_sources" ("user_id" uuid not null, "source" text not null, "updated_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`create table "whatsapp_migrations" ("user_id" uuid not null, "state" text not null, "steps" jsonb not null, "snapshot" jsonb null, "started_at" timestamptz not null, "completed_at" timestamptz null, "rollback_deadline" timestamptz null, "rolled_back_at" timestamptz null, "runs" int not null default 0, "updated_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`alter table "whatsapp_conversations" drop constraint "whatsapp_conversations_phone_customer_unique";`);
    this.addSql(`alter table "whatsapp_conversations" add "agent_line" text not null default '';`);
    this.addSql(`alter table "whatsapp_conversations" add constraint "whatsapp_conversations_phone_customer_unique" unique ("phone_number_id", "customer_wa_id", "agent_line");`);

    this.addSql(`alter table "whatsapp_messages" drop constraint "whatsapp_messages_idempotency_unique";`);
    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_idempotency_unique" unique ("credential_id", "user_id", "idempotency_key");`);

    this.addSql(`alter table "whatsapp_credentials" add "platform" boolean not null default false;`);
    this.addSql(`create unique index "whatsapp_credentials_one_platform_unique" on "whatsapp_credentials" ("platform") where "platform";`);

    this.addSql(`alter table "agent_whatsapp_configs" add "platform_code" text null;`);
    this.addSql(`alter table "agent_whatsapp_configs" alter column "credential_id" drop not null;`);
    this.addSql(`alter table "agent_whatsapp_configs" alter column "phone_number_id" drop not null;`);
    // Agents enabled before this release get their routing code for the platform's number too.
    this.addSql(`update "agent_whatsapp_configs" set "platform_code" = 'WA-' || upper(substr(md5(random()::text || "id"::text), 1, 8));`);
    this.addSql(`alter table "agent_whatsapp_configs" add constraint "agent_whatsapp_configs_platform_code_unique" unique ("platform_code");`);

    this.addSql(`alter table "user_credential_sources" add constraint "user_credential_sources_source_check" check ("source" in ('USER', 'PLATFORM'));`);

    this.addSql(`alter table "whatsapp_migrations" add constraint "whatsapp_migrations_state_check" check ("state" in ('FAILED', 'COMPLETED', 'ROLLED_BACK'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "platform_credential_state" cascade;`);
    this.addSql(`drop table if exists "user_credential_sources" cascade;`);
    this.addSql(`drop table if exists "whatsapp_migrations" cascade;`);

    this.addSql(`alter table "agent_whatsapp_configs" drop constraint "agent_whatsapp_configs_platform_code_unique";`);
    this.addSql(`alter table "agent_whatsapp_configs" drop column "platform_code";`);
    this.addSql(`alter table "agent_whatsapp_configs" alter column "credential_id" set not null;`);
    this.addSql(`alter table "agent_whatsapp_configs" alter column "phone_number_id" set not null;`);

    this.addSql(`alter table "whatsapp_conversations" drop constraint "whatsapp_conversations_phone_customer_unique";`);
    this.addSql(`alter table "whatsapp_conversations" drop column "agent_line";`);
    this.addSql(`alter table "whatsapp_conversations" add constraint "whatsapp_conversations_phone_customer_unique" unique ("phone_number_id", "customer_wa_id");`);

    this.addSql(`drop index "whatsapp_credentials_one_platform_unique";`);
    this.addSql(`alter table "whatsapp_credentials" drop column "platform";`);

    this.addSql(`alter table "whatsapp_messages" drop constraint "whatsapp_messages_idempotency_unique";`);
    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_idempotency_unique" unique ("credential_id", "idempotency_key");`);
  }

}
