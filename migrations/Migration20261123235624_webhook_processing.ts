import { Migration } from '@mikro-orm/migrations';

export class Migration20261123235624_webhook_processing extends Migration {

  override name = 'Migration20261123235624_webhook_processing';

  override up(): void | Promise<void> {
    this.addSql(`create table "whatsapp_message_statuses" ("id" bigserial primary key, "credential_id" uuid not null, "whatsapp_message_id" text not null, "status" text not null, "timestamp" timestamptz not null, "error_code" int null, "error_title" text null, "payload" jsonb not null, "received_at" timestamptz not null);`);
    this.addSql(`alter table "whatsapp_message_statuses" add constraint "whatsapp_message_statuses_unique" unique ("credential_id", "whatsapp_message_id", "status");`);

    this.addSql(`drop index "webhook_deliveries_pending_idx";`);
    this.addSql(`alter table "webhook_deliveries" add "next_attempt_at" timestamptz not null default now();`);
    this.addSql(`create index "webhook_deliveries_pending_idx" on "webhook_deliveries" ("next_attempt_at", "id") where "processed_at" is null;`);

    this.addSql(`alter table "whatsapp_webhooks" add "last_delivery_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "whatsapp_message_statuses" cascade;`);

    this.addSql(`drop index "webhook_deliveries_pending_idx";`);
    this.addSql(`alter table "webhook_deliveries" drop column "next_attempt_at";`);
    this.addSql(`create index "webhook_deliveries_pending_idx" on "webhook_deliveries" ("processed_at", "id");`);

    this.addSql(`alter table "whatsapp_webhooks" drop column "last_delivery_at";`);
  }

}
