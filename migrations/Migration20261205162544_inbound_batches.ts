import { Migration } from '@mikro-orm/migrations';

export class Migration20261205162544_inbound_batches extends Migration {

  override name = 'Migration20261205162544_inbound_batches';

  override up(): void | Promise<void> {
    this.addSql(`create table "webhook_dead_letters" ("id" uuid not null, "user_id" uuid not null, "credential_id" uuid null, "endpoint_id" uuid not null, "delivery_id" bigint not null, "kind" text not null, "wamid" text null, "reason" text not null, "error_code" text null, "payload" text not null, "attempts" int not null default 1, "created_at" timestamptz not null, "retried_at" timestamptz null, "resolved_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "webhook_dead_letters_user_idx" on "webhook_dead_letters" ("user_id", "created_at", "id");`);

    this.addSql(`alter table "whatsapp_messages" drop constraint "whatsapp_messages_wamid_unique";`);
    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_credential_wamid_unique" unique ("credential_id", "whatsapp_message_id");`);

    this.addSql(`alter table "webhook_dead_letters" add constraint "webhook_dead_letters_kind_check" check ("kind" in ('message', 'status', 'change'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "webhook_dead_letters" cascade;`);

    this.addSql(`alter table "whatsapp_messages" drop constraint "whatsapp_messages_credential_wamid_unique";`);
    this.addSql(`alter table "whatsapp_messages" add constraint "whatsapp_messages_wamid_unique" unique ("whatsapp_message_id");`);
  }

}
