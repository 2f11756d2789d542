import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000029_credential_circuit extends Migration {

  override name = 'Migration20261124000029_credential_circuit';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" add "circuit_state" text not null default 'closed', add "circuit_failures" int not null default 0, add "circuit_opened_at" timestamptz null;`);
    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_circuit_state_check" check ("circuit_state" in ('closed', 'open', 'half_open'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" drop constraint "whatsapp_credentials_circuit_state_check";`);
    this.addSql(`alter table "whatsapp_credentials" drop column "circuit_state", drop column "circuit_failures", drop column "circuit_opened_at";`);
  }

}
