import { Migration } from '@mikro-orm/migrations';

export class Migration20261206021958_dead_letter_indexes extends Migration {

  override name = 'Migration20261206021958_dead_letter_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "webhook_dead_letters_unresolved_idx" on "webhook_dead_letters" ("user_id", "created_at", "id") where "resolved_at" is null;`);
    // Copies of one broken message from Meta's re-sent deliveries, kept before the unique index: the
    // earliest stays (its owner may already have seen it), the later copies carry nothing more.
    this.addSql(`delete from "webhook_dead_letters" d using "webhook_dead_letters" e where d."kind" = 'message' and e."kind" = 'message' and d."wamid" is not null and d."resolved_at" is null and e."resolved_at" is null and d."credential_id" = e."credential_id" and d."wamid" = e."wamid" and (e."created_at", e."id") < (d."created_at", d."id");`);
    this.addSql(`create unique index "webhook_dead_letters_waiting_message_unique" on "webhook_dead_letters" ("credential_id", "wamid") where "kind" = 'message' and "wamid" is not null and "resolved_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "webhook_dead_letters_unresolved_idx";`);
    this.addSql(`drop index "webhook_dead_letters_waiting_message_unique";`);
  }

}
