import { Migration } from '@mikro-orm/migrations';

export class Migration20261205162430_hot_query_indexes extends Migration {

  override name = 'Migration20261205162430_hot_query_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "audit_log_action_idx" on "audit_log" ("action", "id");`);
    this.addSql(`drop index "audit_log_target_idx";`);
    this.addSql(`create index "audit_log_target_idx" on "audit_log" ("target_id", "id");`);

    this.addSql(`create index "whatsapp_conversations_user_customer_idx" on "whatsapp_conversations" ("user_id", "customer_wa_id");`);

    this.addSql(`drop index "whatsapp_messages_agent_id_timestamp_index";`);
    this.addSql(`create index "whatsapp_messages_agent_history_idx" on "whatsapp_messages" ("agent_id", "timestamp", "id");`);

    this.addSql(`drop index "whatsapp_credentials_user_id_index";`);
    this.addSql(`create index "whatsapp_credentials_status_created_idx" on "whatsapp_credentials" ("status", "created_at", "id");`);
    this.addSql(`create index "whatsapp_credentials_created_idx" on "whatsapp_credentials" ("created_at", "id");`);
    this.addSql(`create index "whatsapp_credentials_user_created_idx" on "whatsapp_credentials" ("user_id", "created_at", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "audit_log_action_idx";`);
    this.addSql(`drop index "audit_log_target_idx";`);
    this.addSql(`create index "audit_log_target_idx" on "audit_log" ("target_type", "target_id");`);

    this.addSql(`drop index "whatsapp_conversations_user_customer_idx";`);

    this.addSql(`drop index "whatsapp_credentials_status_created_idx";`);
    this.addSql(`drop index "whatsapp_credentials_created_idx";`);
    this.addSql(`drop index "whatsapp_credentials_user_created_idx";`);
    this.addSql(`create index "whatsapp_credentials_user_id_index" on "whatsapp_credentials" ("user_id");`);

    this.addSql(`drop index "whatsapp_messages_agent_history_idx";`);
    this.addSql(`create index "whatsapp_messages_agent_id_timestamp_index" on "whatsapp_messages" ("agent_id", "timestamp");`);
  }

}
