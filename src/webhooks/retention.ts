import { Client } from 'pg';
import type { Logger } from '../platform/observability/logger';

export interface RetentionOptions {
  databaseUrl: string;
  /** The plugin's schema; also names the advisory lock, so plugins on other schemas sweep on their own. */
  schema: string;
  logger: Logger;
  /** Processed webhook deliveries are deleted this many days after processing; 0 keeps them. */
  deliveryRetentionDays: number;
  /** Message status events are deleted this many days after receipt; 0 keeps them. */
  statusRetentionDays: number;
  /** Rows per DELETE: each is its own short transaction, so locks and WAL per statement stay bounded. */
  batchRows: number;
  /** Between sweeps started by `start()`. */
  intervalMs: number;
  /** Told, after each batch, of the deleted messages whose file had a copy in the operator's bucket. */
  onMediaCopiesDeleted?: (messages: DeletedMessage[]) => Promise<void>;
}

interface DeletedMessage {
  id: string;
  userId: string;
  credentialId: string;
}

export interface SweepResult {
  deliveries: number;
  statuses: number;
  messages: number;
  /** DELETE statements run. */
  batches: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes what the plugin no longer needs, at the pace it is written: processed webhook deliveries,
 * message status events, and the messages of credentials whose owner set `messageRetentionDays`.
 *
 * A sweep loops until nothing old is left, in batches of `batchRows`, each a single DELETE in its own
 * transaction, so a backlog of any size is worked off in one sweep without a long transaction holding
 * locks or bloating WAL. The inbox and status tables are append-only in id order, so each walk follows
 * the primary key from its oldest row and stops at the first batch that reaches rows inside the
 * retention: it needs no index of its own and never reads the retained rows.
 *
 * One instance sweeps at a time: a session advisory lock on a connection of the sweep's own, released
 * when the sweep ends or its connection drops (a killed instance never leaves the lock behind).
 * pg-boss deletes its own finished jobs (its queues' `deleteAfterSeconds`, batched, under its own lock),
 * so job tables are not swept here.
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(private readonly options: RetentionOptions) {}

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.running = this.sweep()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'retention sweep failed; the next one resumes it'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, Math.min(this.options.intervalMs, 5_000)).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One sweep to the end; null when another instance is sweeping. */
  async sweep(): Promise<SweepResult | null> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: 'whatsapp-connect-retention' });
    client.on('error', (error) => this.options.logger.warn({ err: error }, 'retention connection lost'));
    await client.connect();
    try {
      const lock = `${this.options.schema}.retention`;
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [lock]);
      if (!rows[0]!.locked) return null;
      try {
        const result: SweepResult = { deliveries: 0, statuses: 0, messages: 0, batches: 0 };
        const started = performance.now();
        if (this.options.deliveryRetentionDays > 0) {
          await this.walk(client, result, 'deliveries', 'webhook_deliveries', this.cutoff(this.options.deliveryRetentionDays), 'processed_at');
        }
        if (this.options.statusRetentionDays > 0) {
          await this.walk(client, result, 'statuses', 'whatsapp_message_statuses', this.cutoff(this.options.statusRetentionDays), 'received_at');
        }
        await this.sweepMessages(client, result);
        if (result.deliveries + result.statuses + result.messages > 0) {
          this.options.logger.info({ ...result, ms: Math.round(performance.now() - started) }, 'retention sweep deleted old rows');
        }
        return result;
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', [lock]);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private cutoff(days: number): Date {
    return new Date(Date.now() - days * DAY_MS);
  }

  private table(name: string): string {
    return `"${this.options.schema}"."${name}"`;
  }

  /**
   * Oldest first along the primary key: each batch reads the next `batchRows` ids and deletes those
   * older than the cutoff by `column`. It stops once a batch reaches a row received after the cutoff
   * (every later row is younger) or the table's end. A row older than the cutoff but not yet deletable
   * (an unprocessed delivery, waiting on a retry) is stepped over, not waited on.
   */
  private async walk(client: Client, result: SweepResult, counter: 'deliveries' | 'statuses', name: string, cutoff: Date, column: string): Promise<void> {
    const table = this.table(name);
    let after = '0';
    for (;;) {
      if (this.stopped) return;
      const { rows } = await client.query<{ deleted: number; last: string | null; seen: number; reached: boolean }>(
        `with batch as (select id, received_at from ${table} where id > $1 order by id limit $2),
         gone as (delete from ${table} t using batch b where t.id = b.id and t.${column} < $3 returning 1)
         select (select count(*) from gone)::int as deleted, (select max(id) from batch)::text as last,
                (select count(*) from batch)::int as seen, coalesce((select bool_or(received_at >= $3) from batch), false) as reached`,
        [after, this.options.batchRows, cutoff],
      );
      const batch = rows[0]!;
      result[counter] += batch.deleted;
      result.batches += 1;
      if (batch.seen < this.options.batchRows || batch.reached || batch.last === null) return;
      after = batch.last;
    }
  }

  /**
   * Each credential with a message retention: its messages (and their status events) older than that many
   * days, by WhatsApp's timestamp. Found thread by thread, through the conversation history index, in
   * conversation id order so each batch resumes where the last one ended. Conversations are kept, even
   * when emptied: they hold the customer's 24-hour window and agent line, which sending still needs.
   */
  private async sweepMessages(client: Client, result: SweepResult): Promise<void> {
    const { rows: credentials } = await client.query<{ id: string; phone_number_id: string; days: number }>(
      `select id, phone_number_id, message_retention_days as days from ${this.table('whatsapp_credentials')} where message_retention_days is not null`,
    );
    const messages = this.table('whatsapp_messages');
    for (const credential of credentials) {
      const cutoff = this.cutoff(credential.days);
      let from = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        if (this.stopped) return;
        const { rows } = await client.query<{ deleted: number; last: string | null; copies: DeletedMessage[] }>(
          `with batch as (
             select m.id, c.id as conversation_id
             from (select id from ${this.table('whatsapp_conversations')} where phone_number_id = $1 and id >= $2 order by id) c
             cross join lateral (
               select id from ${messages} m where m.conversation_id = c.id and m."timestamp" < $3 and m.credential_id = $4 limit $5
             ) m
             order by c.id
             limit $5
           ),
           gone as (delete from ${messages} t using batch b where t.id = b.id returning t.id, t.user_id, t.credential_id, t.media_copied_at)
           select (select count(*) from gone)::int as deleted, (select (array_agg(conversation_id order by conversation_id desc))[1] from batch)::text as last,
             (select coalesce(json_agg(json_build_object('id', id, 'userId', user_id, 'credentialId', credential_id)), '[]') from gone where media_copied_at is not null) as copies`,
          [credential.phone_number_id, from, cutoff, credential.id, this.options.batchRows],
        );
        result.messages += rows[0]!.deleted;
        result.batches += 1;
        await this.forgetCopies(rows[0]!.copies);
        if (rows[0]!.deleted < this.options.batchRows || rows[0]!.last === null) break;
        from = rows[0]!.last;
      }
      for (;;) {
        if (this.stopped) return;
        const { rowCount } = await client.query(
          `delete from ${this.table('whatsapp_message_statuses')} where id in (
             select id from ${this.table('whatsapp_message_statuses')} where credential_id = $1 and received_at < $2 limit $3)`,
          [credential.id, cutoff, this.options.batchRows],
        );
        result.statuses += rowCount ?? 0;
        result.batches += 1;
        if ((rowCount ?? 0) < this.options.batchRows) break;
      }
    }
  }

  /** The rows are gone already: a bucket that is away leaves orphaned objects, which is logged, not retried. */
  private async forgetCopies(messages: DeletedMessage[]): Promise<void> {
    if (messages.length === 0 || !this.options.onMediaCopiesDeleted) return;
    try {
      await this.options.onMediaCopiesDeleted(messages);
    } catch (error) {
      this.options.logger.warn({ err: error, copies: messages.length }, 'media copies of deleted messages could not be removed');
    }
  }
}
