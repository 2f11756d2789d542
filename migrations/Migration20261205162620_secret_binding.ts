import { Migration } from '@mikro-orm/migrations';

export class Migration20261205162620_secret_binding extends Migration {

  override name = 'Migration20261205162620_secret_binding';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" drop constraint "whatsapp_credentials_status_reason_check";`);
    this.addSql(`alter table "whatsapp_credentials" add "secrets_binding" smallint not null default 0;`);
    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_status_reason_check" check ("status_reason" in ('none', 'token_invalid', 'token_expired', 'permission_missing', 'wrong_business_account', 'phone_number_restricted', 'account_restricted', 'meta_unreachable', 'suspended_by_admin', 'app_secret_invalid', 'phone_number_not_found', 'token_expiring', 'secrets_unreadable'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" drop constraint "whatsapp_credentials_status_reason_check";`);
    this.addSql(`alter table "whatsapp_credentials" drop column "secrets_binding";`);
    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_status_reason_check" check ("status_reason" in ('none', 'token_invalid', 'token_expired', 'permission_missing', 'wrong_business_account', 'phone_number_restricted', 'account_restricted', 'meta_unreachable', 'suspended_by_admin', 'app_secret_invalid', 'phone_number_not_found', 'token_expiring'));`);
  }

}
