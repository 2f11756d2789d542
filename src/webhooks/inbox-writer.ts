import type { Pool } from 'pg';

export interface InboxRow {
  endpointId: string;
  /** The credential version the signature was checked against. */
  credentialVersion: number;
  rawBody: Buffer;
  /** Kept only for a delivery that could not be verified at receipt. */
  signatureHeader: string | null;
  signatureVerified: boolean;
}

export interface InboxWriterOptions {
  pool: Pool;
  /** The plugin's Postgres schema (a validated identifier). */
  schema: string;
  /** Rows per INSERT at most. */
  maxBatch?: number;
  /** INSERTs running at once; rows arriving meanwhile wait and go out together in the next one. */
  maxInFlight?: number;
}

interface Pending {
  row: InboxRow;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

const COLUMNS_PER_ROW = 5;

/**
 * Writes accepted deliveries to the durable inbox (`webhook_deliveries`), resolving only once the row is
 * committed, so a 200 always means "stored". Under load, rows that arrive while INSERTs are running are
 * grouped into one multi-row INSERT (group commit): one round trip and one WAL flush for many deliveries,
 * with no added wait beyond the current event-loop turn.
 *
 * Each row is inserted only if its endpoint still exists and its credential still has the version the
 * signature was checked against; `false` means the caller's view is stale (secret changed, credential
 * deleted) and it must look again before answering.
 */
export class InboxWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly tables: { deliveries: string; endpoints: string; credentials: string };

  constructor(private readonly options: InboxWriterOptions) {
    this.maxBatch = options.maxBatch ?? 128;
    this.maxInFlight = options.maxInFlight ?? 4;
    const table = (name: string) => `"${options.schema}"."${name}"`;
    this.tables = { deliveries: table('webhook_deliveries'), endpoints: table('whatsapp_webhooks'), credentials: table('whatsapp_credentials') };
  }

  append(row: InboxRow): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.scheduled) return;
      // After this turn's I/O callbacks: the requests they finish join one INSERT.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.insert(batch).finally(() => {
        this.inFlight -= 1;
        this.flush();
      });
    }
  }

  /**
   * The next rows to insert together. Rows are matched to the INSERT's result by endpoint, so one batch
   * never holds two versions of one endpoint's credential; such a row waits for the next batch.
   */
  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const versions = new Map<string, number>();
    for (let i = 0; i < this.queue.length && batch.length < this.maxBatch; ) {
      const pending = this.queue[i]!;
      const version = versions.get(pending.row.endpointId);
      if (version !== undefined && version !== pending.row.credentialVersion) {
        i += 1;
        continue;
      }
      versions.set(pending.row.endpointId, pending.row.credentialVersion);
      batch.push(pending);
      this.queue.splice(i, 1);
    }
    return batch;
  }

  private async insert(batch: Pending[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = batch.map(({ row }, index) => {
      values.push(row.endpointId, row.credentialVersion, row.rawBody, row.signatureHeader, row.signatureVerified);
      const p = index * COLUMNS_PER_ROW;
      return `($${p + 1}::uuid, $${p + 2}::int, $${p + 3}::bytea, $${p + 4}::text, $${p + 5}::boolean)`;
    });
    const { deliveries, endpoints, credentials } = this.tables;
    const sql =
      `insert into ${deliveries} (endpoint_id, received_at, raw_body, signature_header, signature_verified, next_attempt_at) ` +
      `select v.endpoint_id, now(), v.raw_body, v.signature_header, v.signature_verified, now() ` +
      `from (values ${tuples.join(', ')}) as v(endpoint_id, credential_version, raw_body, signature_header, signature_verified) ` +
      `join ${endpoints} w on w.id = v.endpoint_id ` +
      `join ${credentials} c on c.id = w.credential_id and c.version = v.credential_version ` +
      `returning endpoint_id`;
    try {
      // Named, so each connection plans the statement once per batch size instead of on every INSERT.
      const result = await this.options.pool.query<{ endpoint_id: string }>({ name: `wc-inbox-insert-${batch.length}`, text: sql, values });
      const stored = new Set(result.rows.map((r) => r.endpoint_id));
      for (const pending of batch) pending.resolve(stored.has(pending.row.endpointId));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
