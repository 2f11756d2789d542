import { Migration } from '@mikro-orm/migrations';

export class Migration20261206025500_agent_read_receipts extends Migration {

  override name = 'Migration20261206025500_agent_read_receipts';

  override up(): void | Promise<void> {
    this.addSql(`alter table "agent_whatsapp_configs" add column "mark_read" boolean not null default false, add column "typing_indicator" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agent_whatsapp_configs" drop column "mark_read", drop column "typing_indicator";`);
  }

}
