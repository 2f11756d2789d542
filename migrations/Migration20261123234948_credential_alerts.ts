import { Migration } from '@mikro-orm/migrations';

export class Migration20261123234948_credential_alerts extends Migration {

  override name = 'Migration20261123234948_credential_alerts';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" drop constraint "whatsapp_credentials_status_reason_check";`);
    this.addSql(`alter table "whatsapp_credentials" add "status_changed_at" timestamptz null, add "alert_email" text null;`);
    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_status_reason_check" check ("status_reason" in ('none', 'token_invalid', 'token_expired', 'permission_missing', 'wrong_business_account', 'phone_number_restricted', 'account_restricted', 'meta_unreachable', 'suspended_by_admin', 'app_secret_invalid', 'phone_number_not_found', 'token_expiring'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_credentials" drop constraint "whatsapp_credentials_status_reason_check";`);
    this.addSql(`alter table "whatsapp_credentials" drop column "status_changed_at", drop column "alert_email";`);
    this.addSql(`alter table "whatsapp_credentials" add constraint "whatsapp_credentials_status_reason_check" check ("status_reason" in ('none', 'token_invalid', 'token_expired', 'permission_missing', 'wrong_business_account', 'phone_number_restricted', 'account_restricted', 'meta_unreachable', 'suspended_by_admin'));`);
  }

}
