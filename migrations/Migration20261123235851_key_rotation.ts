import { Migration } from '@mikro-orm/migrations';

export class Migration20261123235851_key_rotation extends Migration {

  override name = 'Migration20261123235851_key_rotation';

  override up(): void | Promise<void> {
    this.addSql(`create table "key_rotation_runs" ("id" uuid not null, "state" text not null default 'running', "started_by" uuid null, "total" int not null, "done" int not null default 0, "failed" int not null default 0, "visited" int not null default 0, "cursor" uuid null, "visited_all_at" timestamptz null, "started_at" timestamptz not null, "finished_at" timestamptz null, "last_error" text null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create unique index "key_rotation_runs_one_running" on "key_rotation_runs" ("state") where "state" = 'running';`);

    this.addSql(`create table "user_key_rotations" ("user_id" uuid not null, "state" text not null default 'pending', "target_version" int not null, "rotated_at" timestamptz not null, "completed_at" timestamptz null, "rewrapped" int not null default 0, "unreadable" int not null default 0, "last_error" text null, "run_id" uuid null, "updated_at" timestamptz not null, primary key ("user_id"));`);
    this.addSql(`create index "user_key_rotations_run_idx" on "user_key_rotations" ("run_id");`);

    this.addSql(`alter table "key_rotation_runs" add constraint "key_rotation_runs_state_check" check ("state" in ('running', 'completed', 'failed'));`);

    this.addSql(`alter table "user_key_rotations" add constraint "user_key_rotations_state_check" check ("state" in ('none', 'pending', 'complete', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "key_rotation_runs" cascade;`);
    this.addSql(`drop table if exists "user_key_rotations" cascade;`);
  }

}
