import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232806_keyring extends Migration {

  override name = 'Migration20261123232806_keyring';

  override up(): void | Promise<void> {
    this.addSql(`create table "keyring_key" ("user_id" uuid not null, "material_id" uuid not null, "latest_version" int not null, "min_decryption_version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`create table "keyring_key_version" ("user_id" uuid not null, "version" int not null, "wrapped_key" bytea not null, "created_at" timestamptz not null, primary key ("user_id", "version"));`);

    this.addSql(`alter table "keyring_key_version" add constraint "keyring_key_version_user_id_foreign" foreign key ("user_id") references "keyring_key" ("user_id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "keyring_key_version" drop constraint "keyring_key_version_user_id_foreign";`);

    this.addSql(`drop table if exists "keyring_key" cascade;`);
    this.addSql(`drop table if exists "keyring_key_version" cascade;`);
  }

}
