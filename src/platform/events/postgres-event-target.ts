import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { ASYNC_COMMIT } from '../db/async-commit';
import type { Logger } from '../observability/logger';

const MAX_NOTIFY_BYTES = 7900; // PostgreSQL rejects NOTIFY payloads of 8000 bytes or more
/** NOTIFYs sent in one statement at most (about 1 MB). */
const MAX_PAYLOADS_PER_STATEMENT = 128;

interface WireEvent {
  type: string;
  detail: unknown;
}

/**
 * An EventTarget shared by every plugin instance through PostgreSQL LISTEN/NOTIFY. Dispatching an event
 * delivers it to this instance's listeners at the end of the event-loop turn, and NOTIFYs it for the
 * other instances, which re-dispatch what they hear to their own listeners; each instance skips its own
 * NOTIFYs. Local listeners receive what the wire carries (the detail through JSON), so a subscriber
 * sees the same event whichever instance it is connected to.
 *
 * Local listeners used to hear their own events back through PostgreSQL as well: a round trip to the
 * server and back, behind any NOTIFYs still queued, between a commit and its own subscribers.
 */
export class PostgresEventTarget extends EventTarget {
  private listener: Client | null = null;
  private readonly publisher: Pool;
  private closed = false;
  private reconnectDelayMs = 100;
  private readyPromise: Promise<void>;
  /**
   * The first element of every NOTIFY this instance sends, so it can skip them by a prefix test. An
   * element without a `type` is ignored by every listener, older releases included (rolling upgrades).
   */
  private readonly originMark = `{"origin":"${randomBytes(8).toString('hex')}"}`;
  /** Bytes of a NOTIFY payload before its first event: `[`, the origin mark, `]`. */
  private readonly emptyPayloadBytes = this.originMark.length + 2;
  /** Events waiting for the end of the turn. */
  private pending: string[] = [];
  private pendingBytes = this.emptyPayloadBytes;
  private flushScheduled = false;
  /** Sealed events (JSON arrays) this instance's listeners have yet to hear, oldest first. */
  private unheard: string[] = [];
  /** Full NOTIFY payloads, oldest first, waiting for the statement out to be answered. */
  private sealed: string[] = [];
  /** A statement of NOTIFYs is out: one at a time, so other instances hear events in the order they were published. */
  private notifying = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {
    super();
    this.publisher = new Pool({ connectionString, max: 1 });
    this.publisher.on('error', () => undefined); // a broken idle connection is replaced on next use
    this.readyPromise = this.connect();
  }

  /** Resolves once LISTEN is active, so an event published after it is heard. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  override dispatchEvent(event: Event): boolean {
    const detail = (event as CustomEvent).detail;
    const payload = JSON.stringify({ type: event.type, detail });
    const bytes = Buffer.byteLength(payload);
    if (bytes + this.emptyPayloadBytes > MAX_NOTIFY_BYTES) {
      this.logger.error({ type: event.type }, 'event payload too large for NOTIFY; dropped');
      return false;
    }
    this.enqueue(payload, bytes);
    return true;
  }

  /**
   * Events of one event-loop turn travel in as few NOTIFYs as fit (JSON arrays, each under NOTIFY's size
   * limit), and while a statement of NOTIFYs is out (PostgreSQL serialises notifying commits) the next
   * ones wait for it and go together: under load that is one round trip for many events instead of one
   * each. The statements go one at a time: two on separate connections may commit in either order, and
   * a burst would reach other instances' subscribers shuffled. This instance's listeners hear the
   * turn's events at its end.
   */
  private enqueue(payload: string, bytes: number): void {
    if (this.pendingBytes + bytes + 1 > MAX_NOTIFY_BYTES) this.seal();
    this.pending.push(payload);
    this.pendingBytes += bytes + 1;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** At the end of the turn, never inside publish(): a listener must not run in the publisher's stack. */
  private flush(): void {
    this.seal();
    for (const events of this.unheard.splice(0)) this.dispatchLocally(events);
    this.send();
  }

  private seal(): void {
    if (this.pending.length === 0) return;
    const events = this.pending.join(',');
    this.sealed.push(`[${this.originMark},${events}]`);
    this.unheard.push(`[${events}]`);
    this.pending = [];
    this.pendingBytes = this.emptyPayloadBytes;
  }

  private dispatchLocally(json: string): void {
    for (const event of JSON.parse(json) as unknown[]) {
      if (isWireEvent(event)) super.dispatchEvent(new CustomEvent(event.type, { detail: event.detail }));
    }
  }

  /**
   * Sends the sealed payloads, oldest first, in one statement, unless one is out (its answer calls
   * again). One transaction's notifications reach listeners in the order they were sent; one payload per
   * round trip carried only eight or so events, and a drain of several thousand messages a second left
   * other instances seconds behind.
   */
  private send(): void {
    if (this.notifying || this.sealed.length === 0) return;
    const payloads = this.sealed.splice(0, MAX_PAYLOADS_PER_STATEMENT);
    this.notifying = true;
    void this.notify(payloads).finally(() => {
      this.notifying = false;
      this.send();
    });
  }

  async close(): Promise<void> {
    this.flush();
    this.closed = true;
    await Promise.allSettled([this.listener?.end(), this.publisher.end()]);
  }

  private async notify(payloads: string[]): Promise<void> {
    try {
      // Live events are best effort: the NOTIFY's commit does not wait for a WAL flush.
      await this.publisher.query(
        `select pg_notify($1, t.payload), ${ASYNC_COMMIT} from unnest($2::text[]) with ordinality as t(payload, n) order by t.n`,
        [this.channel, payloads],
      );
    } catch (err) {
      this.logger.warn({ err }, 'could not publish event; live subscribers miss it (history is unaffected)');
    }
  }

  private async openClient(): Promise<Client> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('error', () => undefined); // surfaced through the 'end' handler below
    await client.connect();
    return client;
  }

  private async connect(): Promise<void> {
    while (!this.closed) {
      try {
        const client = await this.openClient();
        client.on('notification', (message) => {
          if (message.channel !== this.channel || !message.payload) return;
          // Our own: already delivered here when sent.
          if (message.payload.startsWith(`[${this.originMark}`)) return;
          try {
            this.dispatchLocally(message.payload);
          } catch (err) {
            this.logger.warn({ err }, 'an event notification could not be read; ignored');
          }
        });
        client.on('end', () => {
          if (this.closed) return;
          this.logger.warn('event listener connection lost; reconnecting');
          this.listener = null;
          this.readyPromise = this.connect();
        });
        await client.query(`listen "${this.channel}"`);
        this.listener = client;
        this.reconnectDelayMs = 100;
        return;
      } catch (err) {
        if (this.closed) return;
        this.logger.warn({ err }, 'event listener cannot connect yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, this.reconnectDelayMs).unref());
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 5000);
      }
    }
  }
}

function isWireEvent(value: unknown): value is WireEvent {
  return typeof value === 'object' && value !== null && typeof (value as WireEvent).type === 'string';
}
