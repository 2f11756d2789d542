import { Migration } from '@mikro-orm/migrations';

export class Migration20261205171007_audit_occurred_at_index extends Migration {

  override name = 'Migration20261205171007_audit_occurred_at_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "audit_log_occurred_at_idx" on "audit_log" ("occurred_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "audit_log_occurred_at_idx";`);
  }

}
