import type { Pool } from 'pg';
import { GroupCommit, type Outcome } from '../platform/db/group-commit';

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

const COLUMNS_PER_ROW = 5;

/**
 * Writes accepted deliveries to the durable inbox (`webhook_deliveries`), resolving only once the row is
 * committed, so a 200 always means "stored". The rows of one event-loop turn, and those that arrive
 * while INSERTs are running, go in one multi-row INSERT (GroupCommit): one round trip and one WAL flush
 * for many deliveries, with no added wait beyond the current turn.
 *
 * Each row is inserted only if its endpoint still exists and its credential still has the version the
 * signature was checked against; `false` means the caller's view is stale (secret changed, credential
 * deleted) and it must look again before answering.
 */
export class InboxWriter {
  private readonly rows: GroupCommit<InboxRow, boolean>;
  private readonly tables: { deliveries: string; endpoints: string; credentials: string };

  constructor(private readonly options: InboxWriterOptions) {
    this.rows = new GroupCommit({ run: (rows) => this.insertAll(rows), maxBatch: options.maxBatch ?? 128, maxInFlight: options.maxInFlight ?? 4 });
    const table = (name: string) => `"${options.schema}"."${name}"`;
    this.tables = { deliveries: table('webhook_deliveries'), endpoints: table('whatsapp_webhooks'), credentials: table('whatsapp_credentials') };
  }

  append(row: InboxRow): Promise<boolean> {
    return this.rows.submit(row);
  }

  /**
   * Rows are matched to the INSERT's result by endpoint, so two versions of one endpoint's credential
   * (its secret changed during a burst) never share an INSERT: the later ones go in the next.
   */
  private async insertAll(rows: InboxRow[]): Promise<Array<Outcome<boolean>>> {
    const outcomes: Array<Outcome<boolean>> = [];
    let rest = rows.map((row, index) => ({ row, index }));
    while (rest.length > 0) {
      const versions = new Map<string, number>();
      const now: typeof rest = [];
      const later: typeof rest = [];
      for (const item of rest) {
        const version = versions.get(item.row.endpointId);
        if (version !== undefined && version !== item.row.credentialVersion) later.push(item);
        else {
          versions.set(item.row.endpointId, item.row.credentialVersion);
          now.push(item);
        }
      }
      try {
        const stored = await this.insert(now.map((item) => item.row));
        for (const item of now) outcomes[item.index] = { ok: true, value: stored.has(item.row.endpointId) };
      } catch (error) {
        for (const item of now) outcomes[item.index] = { ok: false, error };
      }
      rest = later;
    }
    return outcomes;
  }

  /** The endpoints whose rows were stored. */
  private async insert(rows: InboxRow[]): Promise<Set<string>> {
    const values: unknown[] = [];
    const tuples = rows.map((row, index) => {
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
    // Named, so each connection plans the statement once per batch size instead of on every INSERT.
    const result = await this.options.pool.query<{ endpoint_id: string }>({ name: `wc-inbox-insert-${rows.length}`, text: sql, values });
    return new Set(result.rows.map((r) => r.endpoint_id));
  }
}
