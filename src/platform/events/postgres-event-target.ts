import { Client, Pool } from 'pg';
import { ASYNC_COMMIT } from '../db/async-commit';
import type { Logger } from '../observability/logger';

const MAX_NOTIFY_BYTES = 7900; // PostgreSQL rejects NOTIFY payloads of 8000 bytes or more

/**
 * An EventTarget shared by every plugin instance through PostgreSQL LISTEN/NOTIFY: dispatching an event
 * NOTIFYs it, and every instance (this one included) re-dispatches what it hears to its local listeners.
 * Payloads carry ids, not content, so they stay far below NOTIFY's size limit and subscribers reload
 * (and re-authorize) from the database.
 */
export class PostgresEventTarget extends EventTarget {
  private listener: Client | null = null;
  private readonly publisher: Pool;
  private closed = false;
  private reconnectDelayMs = 100;
  private readyPromise: Promise<void>;
  /** Events waiting for the next NOTIFY. */
  private pending: string[] = [];
  private pendingBytes = 0;
  private flushScheduled = false;
  /** Full NOTIFY payloads, oldest first, waiting for the one out to be answered. */
  private sealed: string[] = [];
  /** A NOTIFY is out: one at a time, so listeners hear events in the order they were published. */
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
    if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
      this.logger.error({ type: event.type }, 'event payload too large for NOTIFY; dropped');
      return false;
    }
    this.enqueue(payload);
    return true;
  }

  /**
   * Events of one event-loop turn travel in one NOTIFY (a JSON array, kept under NOTIFY's size limit),
   * and while a NOTIFY is out (PostgreSQL serialises notifying commits) the next events wait for it and
   * go together: under load that is one round trip for many sends instead of one each. NOTIFYs go one at
   * a time: two on separate connections may commit in either order, and a burst would reach
   * subscribers shuffled.
   */
  private enqueue(payload: string): void {
    if (this.pendingBytes + payload.length + 1 > MAX_NOTIFY_BYTES) this.seal();
    this.pending.push(payload);
    this.pendingBytes += payload.length + 1;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.send();
      });
    }
  }

  private seal(): void {
    if (this.pending.length === 0) return;
    this.sealed.push(`[${this.pending.join(',')}]`);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Sends the oldest sealed payload, or what is pending, unless a NOTIFY is out (its answer calls again). */
  private send(): void {
    if (this.notifying) return;
    if (this.sealed.length === 0) this.seal();
    const payload = this.sealed.shift();
    if (payload === undefined) return;
    this.notifying = true;
    void this.notify(payload).finally(() => {
      this.notifying = false;
      this.send();
    });
  }

  async close(): Promise<void> {
    this.send();
    this.closed = true;
    await Promise.allSettled([this.listener?.end(), this.publisher.end()]);
  }

  private async notify(payload: string): Promise<void> {
    try {
      // Live events are best effort: the NOTIFY's commit does not wait for a WAL flush.
      await this.publisher.query(`select pg_notify($1, $2), ${ASYNC_COMMIT}`, [this.channel, payload]);
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
          const events = JSON.parse(message.payload) as Array<{ type: string; detail: unknown }>;
          for (const { type, detail } of events) super.dispatchEvent(new CustomEvent(type, { detail }));
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
