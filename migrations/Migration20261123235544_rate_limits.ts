import { Migration } from '@mikro-orm/migrations';

export class Migration20261123235544_rate_limits extends Migration {

  override name = 'Migration20261123235544_rate_limits';

  override up(): void | Promise<void> {
    this.addSql(`create table "rate_limit_buckets" ("key" text not null, "tokens" double precision not null, "taken" int not null, "updated_at" timestamptz not null, primary key ("key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit_buckets" cascade;`);
  }

}
