/** One Graph request as the simulator received it. */
export interface SandboxRequestRecord {
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path and query exactly as received: what a proxy or access log would store. */
  url: string;
  /** The `Authorization` header itself is never kept; only how the caller authenticated. */
  authorization: 'bearer' | 'other' | 'none';
  /** True when a token came in the `access_token` query parameter. */
  tokenInQuery: boolean;
  /** JSON or form body, with `verify_token` and `access_token` values replaced. */
  body?: unknown;
  status?: number;
  graphCode?: number;
}

const SENSITIVE_KEYS = new Set(['verify_token', 'access_token']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.some(([key, v]) => SENSITIVE_KEYS.has(key) || (typeof v === 'object' && v !== null))) return value;
  return Object.fromEntries(entries.map(([key, v]) => [key, SENSITIVE_KEYS.has(key) ? '[redacted]' : redact(v)]));
}

/** A bounded in-memory log (oldest entries dropped first), so a long benchmark cannot exhaust memory. */
export class RequestLog {
  private records: SandboxRequestRecord[] = [];
  private seq = 0;

  constructor(private readonly capacity: number) {}

  add(record: Omit<SandboxRequestRecord, 'seq' | 'body'> & { body?: unknown }): SandboxRequestRecord {
    const entry: SandboxRequestRecord = { ...record, seq: ++this.seq, body: redact(record.body) };
    this.records.push(entry);
    if (this.records.length > this.capacity * 2) this.records = this.records.slice(-this.capacity);
    return entry;
  }

  redacted(body: unknown): unknown {
    return redact(body);
  }

  list(): SandboxRequestRecord[] {
    return this.records.slice(-this.capacity);
  }

  clear(): void {
    this.records = [];
  }
}
