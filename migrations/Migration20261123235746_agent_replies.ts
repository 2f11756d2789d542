import { Migration } from '@mikro-orm/migrations';

export class Migration20261123235746_agent_replies extends Migration {

  override name = 'Migration20261123235746_agent_replies';

  override up(): void | Promise<void> {
    this.addSql(`create table "agent_replies" ("id" uuid not null, "inbound_message_id" uuid not null, "user_id" uuid not null, "agent_id" uuid not null, "state" text not null default 'pending', "attempts" int not null default 0, "lease_until" timestamptz null, "reply" jsonb null, "reply_message_id" uuid null, "last_error" text null, "answered_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "agent_replies" add constraint "agent_replies_inbound_message_unique" unique ("inbound_message_id");`);
    this.addSql(`create index "agent_replies_agent_id_created_at_index" on "agent_replies" ("agent_id", "created_at");`);

    this.addSql(`alter table "whatsapp_messages" add "request_fingerprint" text null;`);

    this.addSql(`alter table "agent_replies" add constraint "agent_replies_state_check" check ("state" in ('pending', 'replied', 'no_reply', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "agent_replies" cascade;`);

    this.addSql(`alter table "whatsapp_messages" drop column "request_fingerprint";`);
  }

}
