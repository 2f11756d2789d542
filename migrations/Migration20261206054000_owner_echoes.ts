import { Migration } from '@mikro-orm/migrations';

export class Migration20261206054000_owner_echoes extends Migration {

  override name = 'Migration20261206054000_owner_echoes';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" add column "origin" text null;`);
    this.addSql(`alter table "whatsapp_conversations" add column "agent_paused_until" timestamptz null;`);
    this.addSql(`alter table "agent_whatsapp_configs" add column "owner_reply_pause_minutes" int not null default 30;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agent_whatsapp_configs" drop column "owner_reply_pause_minutes";`);
    this.addSql(`alter table "whatsapp_conversations" drop column "agent_paused_until";`);
    this.addSql(`alter table "whatsapp_messages" drop column "origin";`);
  }

}
