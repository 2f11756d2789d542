import { Migration } from '@mikro-orm/migrations';

export class Migration20261206055000_calls extends Migration {

  override name = 'Migration20261206055000_calls';

  override up(): void | Promise<void> {
    this.addSql(`create table "whatsapp_calls" ("id" uuid not null, "user_id" uuid not null, "credential_id" uuid not null, "call_id" text not null, "customer_wa_id" text not null, "direction" text not null, "last_event" text not null, "status" text null, "started_at" timestamptz not null, "ended_at" timestamptz null, "duration_seconds" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "whatsapp_calls" add constraint "whatsapp_calls_credential_call_unique" unique ("credential_id", "call_id");`);
    this.addSql(`create index "whatsapp_calls_user_idx" on "whatsapp_calls" ("user_id", "started_at");`);
    this.addSql(`alter table "whatsapp_calls" add constraint "whatsapp_calls_credential_id_foreign" foreign key ("credential_id") references "whatsapp_credentials" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "whatsapp_calls" cascade;`);
  }

}
