import { Migration } from '@mikro-orm/migrations';

export class Migration20261206051213_agent_consent_keywords extends Migration {

  override name = 'Migration20261206051213_agent_consent_keywords';

  override up(): void | Promise<void> {
    this.addSql(`alter table "agent_whatsapp_configs" add "opt_out_keywords" text[] null, add "opt_in_keywords" text[] null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agent_whatsapp_configs" drop column "opt_out_keywords", drop column "opt_in_keywords";`);
  }

}
