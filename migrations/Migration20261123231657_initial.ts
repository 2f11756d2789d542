import { Migration } from '@mikro-orm/migrations';

export class Migration20261123231657_initial extends Migration {

  override name = 'Migration20261123231657_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "occurred_at" timestamptz not null, "actor_user_id" uuid null, "actor_role" text not null, "subject_user_id" uuid null, "action" text not null, "target_type" text null, "target_id" text null, "outcome" text not null, "error_code" text null, "request_id" text null, "details" jsonb null);`);
    this.addSql(`create index "audit_log_target_idx" on "audit_log" ("target_type", "target_id");`);
    this.addSql(`create index "audit_log_subject_idx" on "audit_log" ("subject_user_id", "id");`);

    this.addSql(`create table "whatsapp_conversations" ("id" uuid not null, "user_id" uuid not null, "phone_number_id" text not null, "agent_id" uuid null, "customer_wa_id" text not null, "customer_name" text null, "last_inbound_at" timestamptz null, "last_outbound_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "whatsapp_conversations_agent_id_index" on "whatsapp_conversations" ("agent_id");`);
    this.addSql(`alter table "whatsapp_conversations" add constraint "whatsapp_conversations_phone_customer_unique" unique ("phone_number_id", "customer_wa_id");`);

    this.addSql(`create table "whatsapp_messages" ("id" uuid not null, "user_id" uuid not null, "credential_id" uuid not null, "agent_id" uuid null, "conversation_id" uuid not null, "whatsapp_message_id" text null, "idempotency_key" text null, "from_phone" text not null, "to_phone" text not null, "direction" text not null, "message_type" text not null, "content" jsonb not null, "reply_to_message_id" text null, "status" text not null default 'pending', "status_at" timestamptz null, "error_code" int null, "error_title" text null, "timestamp" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "whatsapp_messages_agent_id_timestamp_index" on "whatsapp_messages" ("agent_id", "timestamp");`);
    this.addSql(`create index "whatsapp_messages_conversation_idx" on "whatsapp_messages" ("conversation_id", "timestamp", "id");`);
    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_idempotency_unique" unique ("credential_id", "idempotency_key");`);
    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_wamid_unique" unique ("whatsapp_message_id");`);

    this.addSql(`create table "webhook_deliveries" ("id" bigserial primary key, "endpoint_id" uuid not null, "received_at" timestamptz not null, "raw_body" bytea not null, "signature_header" text null, "signature_verified" boolean not null default true, "processed_at" timestamptz null, "outcome" text null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`create index "webhook_deliveries_pending_idx" on "webhook_deliveries" ("processed_at", "id");`);

    this.addSql(`create table "whatsapp_credentials" ("id" uuid not null, "user_id" uuid not null, "business_account_id" text not null, "phone_number_id" text not null, "phone_number" text not null, "display_name" text not null, "access_token_ciphertext" text not null, "app_secret_ciphertext" text not null, "verify_token_ciphertext" text not null, "access_token_hint" text not null, "token_expires_at" timestamptz null, "token_scopes" text[] not null, "status" text not null default 'active', "status_reason" text not null default 'none', "status_message" text null, "quality_rating" text null, "last_validated_at" timestamptz null, "health_checked_at" timestamptz null, "consecutive_failures" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_phone_number_id_unique" unique ("phone_number_id");`);
    this.addSql(`create index "whatsapp_credentials_user_id_index" on "whatsapp_credentials" ("user_id");`);

    this.addSql(`create table "whatsapp_webhooks" ("id" uuid not null, "user_id" uuid not null, "credential_id" uuid not null, "endpoint_key" text not null, "webhook_url" text not null, "phone_number_id" text not null, "status" text not null default 'pending', "status_reason" text null, "routing" text not null default 'unknown', "configure_attempts" int not null default 0, "configured_at" timestamptz null, "verified_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "whatsapp_webhooks" add constraint "whatsapp_webhooks_credential_unique" unique ("credential_id");`);
    this.addSql(`alter table "whatsapp_webhooks" add constraint "whatsapp_webhooks_endpoint_key_unique" unique ("endpoint_key");`);
    this.addSql(`create index "whatsapp_webhooks_user_id_index" on "whatsapp_webhooks" ("user_id");`);

    this.addSql(`create table "agent_whatsapp_configs" ("id" uuid not null, "agent_id" uuid not null, "user_id" uuid not null, "credential_id" uuid not null, "phone_number_id" text not null, "enabled" boolean not null default true, "auto_reply" boolean not null default true, "business_hours" jsonb null, "welcome_message" text null, "fallback_message" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "agent_whatsapp_configs" add constraint "agent_whatsapp_configs_agent_unique" unique ("agent_id");`);
    this.addSql(`alter table "agent_whatsapp_configs" add constraint "agent_whatsapp_configs_phone_number_unique" unique ("phone_number_id");`);
    this.addSql(`create index "agent_whatsapp_configs_user_id_index" on "agent_whatsapp_configs" ("user_id");`);

    this.addSql(`alter table "audit_log" add constraint "audit_log_outcome_check" check ("outcome" in ('success', 'failure', 'rejected'));`);

    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_direction_check" check ("direction" in ('inbound', 'outbound'));`);
    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_status_check" check ("status" in ('pending', 'sent', 'delivered', 'read', 'played', 'failed', 'received'));`);

    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_status_check" check ("status" in ('active', 'invalid', 'expired', 'suspended'));`);
    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_status_reason_check" check ("status_reason" in ('none', 'token_invalid', 'token_expired', 'permission_missing', 'wrong_business_account', 'phone_number_restricted', 'account_restricted', 'meta_unreachable', 'suspended_by_admin'));`);

    this.addSql(`alter table "whatsapp_webhooks" add constraint "whatsapp_webhooks_credential_id_foreign" foreign key ("credential_id") references "whatsapp_credentials" ("id") on delete cascade;`);
    this.addSql(`alter table "whatsapp_webhooks" add constraint "whatsapp_webhooks_status_check" check ("status" in ('active', 'pending', 'failed'));`);
    this.addSql(`alter table "whatsapp_webhooks" add constraint "whatsapp_webhooks_routing_check" check ("routing" in ('phone_number_override', 'business_account_override', 'app_callback', 'not_routed_here', 'unknown'));`);

    this.addSql(`alter table "agent_whatsapp_configs" add constraint "agent_whatsapp_configs_credential_id_foreign" foreign key ("credential_id") references "whatsapp_credentials" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_webhooks" drop constraint "whatsapp_webhooks_credential_id_foreign";`);
    this.addSql(`alter table "agent_whatsapp_configs" drop constraint "agent_whatsapp_configs_credential_id_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "whatsapp_conversations" cascade;`);
    this.addSql(`drop table if exists "whatsapp_messages" cascade;`);
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
    this.addSql(`drop table if exists "whatsapp_credentials" cascade;`);
    this.addSql(`drop table if exists "whatsapp_webhooks" cascade;`);
    this.addSql(`drop table if exists "agent_whatsapp_configs" cascade;`);
  }

}
