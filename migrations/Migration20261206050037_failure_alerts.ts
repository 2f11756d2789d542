import { Migration } from '@mikro-orm/migrations';

export class Migration20261206050037_failure_alerts extends Migration {

  override name = 'Migration20261206050037_failure_alerts';

  override up(): void | Promise<void> {
    this.addSql(`create table "whatsapp_failure_digest_settings" ("credential_id" uuid not null, "user_id" uuid not null, "daily_digest" boolean not null, "updated_at" timestamptz not null, primary key ("credential_id"));`);

    this.addSql(`create table "whatsapp_failure_alerts" ("credential_id" uuid not null, "kind" text not null, "user_id" uuid not null, "pending_count" int not null default 0, "pending_since" timestamptz null, "last_seen_at" timestamptz not null, "error_code" text null, "reason" text null, "last_event_at" timestamptz null, "last_event_count" int not null default 0, "last_event_since" timestamptz null, "digest_count" int not null default 0, "digest_since" timestamptz null, "total_count" int not null default 0, primary key ("credential_id", "kind"));`);
    this.addSql(`create index "whatsapp_failure_alerts_user_idx" on "whatsapp_failure_alerts" ("user_id");`);

    this.addSql(`alter table "whatsapp_failure_digest_settings" add constraint "whatsapp_failure_digest_settings_credential_id_foreign" foreign key ("credential_id") references "whatsapp_credentials" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "whatsapp_failure_alerts" add constraint "whatsapp_failure_alerts_credential_id_foreign" foreign key ("credential_id") references "whatsapp_credentials" ("id") on delete cascade;`);
    this.addSql(`alter table "whatsapp_failure_alerts" add constraint "whatsapp_failure_alerts_kind_check" check ("kind" in ('unrouted_message', 'message_failed', 'dead_letter', 'circuit_opened', 'circuit_closed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "whatsapp_failure_digest_settings" cascade;`);
    this.addSql(`drop table if exists "whatsapp_failure_alerts" cascade;`);
  }

}
