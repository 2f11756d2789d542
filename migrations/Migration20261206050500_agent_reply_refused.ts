import { Migration } from '@mikro-orm/migrations';

export class Migration20261206050500_agent_reply_refused extends Migration {

  override name = 'Migration20261206050500_agent_reply_refused';

  override up(): void | Promise<void> {
    this.addSql(`alter table "agent_replies" drop constraint if exists "agent_replies_state_check";`);
    this.addSql(`alter table "agent_replies" add constraint "agent_replies_state_check" check ("state" in ('pending', 'replied', 'no_reply', 'failed', 'refused'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agent_replies" drop constraint if exists "agent_replies_state_check";`);
    this.addSql(`alter table "agent_replies" add constraint "agent_replies_state_check" check ("state" in ('pending', 'replied', 'no_reply', 'failed'));`);
  }

}
