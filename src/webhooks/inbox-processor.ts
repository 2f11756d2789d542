import { EventEmitter } from 'node:events';
import { LockMode, raw } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventBus } from '../events';
import type { JobQueue } from '../jobs';
import { KeyServiceUnavailableError, type KeyService } from '../keys';
import type { Logger } from '../observability/logger';
import { DeliveryOutcome } from './delivery-outcome';
import { BatchLookups, processDelivery, type DeliveryCounts, type PendingEvent } from './process-delivery';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export interface InboxProcessorOptions {
  orm: MikroORM;
  keys: KeyService;
  jobs: JobQueue;
  eventBus: EventBus;
  logger: Logger;
  /** The idle poll: the backstop for deliveries stored by an instance that died before processing them. */
  pollIntervalMs: number;
  /** Processed deliveries older than this are deleted; 0 keeps them. */
  retentionDays: number;
  batchSize?: number;
  /** Batches worked at once by this instance (each in its own transaction). */
  concurrency?: number;
  /** Attempts before a delivery is set aside as FAILED (key-service outages never count). */
  maxAttempts?: number;
}

/** Emitted after commit, once per delivery handled in a batch. */
export interface SettledDelivery {
  deliveryId: string;
  /** Null when the delivery will be retried. */
  outcome: DeliveryOutcome | null;
  counts?: DeliveryCounts;
  error?: string;
}

const MAX_BACKOFF_SECONDS = 15 * 60;
const RETENTION_SWEEP_MS = 10 * 60 * 1000;
const RETENTION_SWEEP_ROWS = 5_000;

/**
 * Works the durable inbox: claims pending deliveries with FOR UPDATE SKIP LOCKED (so any number of
 * instances share it, none processing a delivery another holds), applies each in a savepoint of the
 * batch transaction, and marks it processed, or schedules a retry with backoff, in that same transaction.
 * A crash rolls the batch back and releases the rows; since applying is idempotent, re-processing is
 * safe. Woken at once by this instance's receiver; polling finds what other instances left behind.
 */
export class InboxProcessor extends EventEmitter<{ settled: [SettledDelivery] }> {
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private stopped = true;
  private loops: Array<Promise<void>> = [];
  /** Loops waiting for work; a notification wakes one of them. */
  private readonly idleLoops = new Set<() => void>();
  private missedWake = false;
  private lastRetentionSweep = 0;

  constructor(private readonly options: InboxProcessorOptions) {
    super();
    this.batchSize = options.batchSize ?? 25;
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loops = Array.from({ length: this.options.concurrency ?? 2 }, () => this.run());
  }

  /** A delivery was stored: look now rather than at the next poll. */
  notify(): void {
    const idle = this.idleLoops.values().next().value;
    if (idle) idle();
    // Every loop is busy; each looks again as soon as its batch is done.
    else this.missedWake = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of [...this.idleLoops]) wake();
    await Promise.all(this.loops);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = await this.processBatch();
        await this.sweepRetention();
      } catch (error) {
        this.options.logger.error({ err: error }, 'webhook inbox batch failed; retrying after the poll interval');
      }
      if (claimed === 0 && !this.stopped) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.missedWake) {
      this.missedWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idleLoops.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.idleLoops.add(done);
    });
  }

  /** Claims and handles one batch; returns how many deliveries it claimed. */
  async processBatch(): Promise<number> {
    try {
      return await this.runBatch('together');
    } catch (error) {
      if (!(error instanceof BatchInterrupted)) throw error;
      // One delivery failed and took the batch's transaction with it: redo the batch one delivery per savepoint.
      return this.runBatch('isolated');
    }
  }

  /**
   * `together` applies the whole batch in one transaction with no savepoints, the cheap common case; any
   * failure rolls it all back (BatchInterrupted) for an `isolated` run, where each delivery has its own
   * savepoint and a failure only schedules that delivery's retry.
   */
  private async runBatch(mode: 'together' | 'isolated'): Promise<number> {
    const events: PendingEvent[] = [];
    const settled: SettledDelivery[] = [];
    const touchedEndpoints = new Set<string>();
    const claimed = await this.options.orm.em.fork().transactional(async (em) => {
      const batch = await em.find(
        WebhookDelivery,
        { processedAt: null, nextAttemptAt: { $lte: raw('now()') } },
        { orderBy: { id: 'asc' }, limit: this.batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      // Deliveries stored unverified fail while the key service is down: no point trying them together.
      const isolated = mode === 'isolated' || batch.some((delivery) => !delivery.signatureVerified);
      const lookups = new BatchLookups(em, this.options.keys);
      for (const delivery of batch) {
        delivery.attempts += 1;
        let result: Awaited<ReturnType<typeof processDelivery>>;
        try {
          result = isolated
            ? await em.transactional((inner) => processDelivery(inner, delivery, this.options, lookups))
            : await processDelivery(em, delivery, this.options, lookups);
        } catch (error) {
          if (!isolated) throw new BatchInterrupted(error);
          settled.push(this.scheduleRetry(delivery, error));
          continue;
        }
        delivery.processedAt = new Date();
        delivery.outcome = result.outcome;
        delivery.lastError = null;
        if (result.nowVerified) {
          delivery.signatureVerified = true;
          delivery.signatureHeader = null;
        }
        if (result.endpointId && result.outcome !== DeliveryOutcome.SIGNATURE_REJECTED) touchedEndpoints.add(result.endpointId);
        events.push(...result.events);
        settled.push({ deliveryId: delivery.id, outcome: result.outcome, counts: result.counts });
      }
      return batch.length;
    });
    await this.touchEndpoints(touchedEndpoints);
    for (const event of events) this.options.eventBus.publish(event.topic, event.agentId, event.payload);
    for (const item of settled) this.emit('settled', item);
    return claimed;
  }

  private scheduleRetry(delivery: WebhookDelivery, error: unknown): SettledDelivery {
    const keysDown = error instanceof KeyServiceUnavailableError;
    // Never the error's text: it may quote Meta's payload. The class and code are enough to diagnose.
    delivery.lastError = describe(error);
    if (!keysDown && delivery.attempts >= this.maxAttempts) {
      delivery.processedAt = new Date();
      delivery.outcome = DeliveryOutcome.FAILED;
      this.options.logger.error({ deliveryId: delivery.id, err: error }, 'webhook delivery failed for good; kept for an operator');
      return { deliveryId: delivery.id, outcome: DeliveryOutcome.FAILED, error: delivery.lastError };
    }
    const exponent = keysDown ? Math.min(delivery.attempts, 6) : delivery.attempts;
    const seconds = Math.min(2 ** exponent, MAX_BACKOFF_SECONDS) * (0.75 + Math.random() * 0.5);
    delivery.nextAttemptAt = new Date(Date.now() + seconds * 1000);
    this.options.logger.warn({ deliveryId: delivery.id, attempts: delivery.attempts, err: error }, 'webhook delivery failed; will retry');
    return { deliveryId: delivery.id, outcome: null, error: delivery.lastError };
  }

  /**
   * Outside the batch transaction, one row at a time in id order: holding endpoint rows for the length
   * of a batch would serialise instances working the same endpoint.
   */
  private async touchEndpoints(ids: Set<string>): Promise<void> {
    const em: EntityManager = this.options.orm.em.fork();
    for (const id of [...ids].sort()) {
      await em.nativeUpdate(WebhookEndpoint, { id }, { lastDeliveryAt: new Date() }).catch((error: unknown) => {
        this.options.logger.warn({ err: error, endpointId: id }, 'could not record the last delivery time');
      });
    }
  }

  private async sweepRetention(): Promise<void> {
    if (this.options.retentionDays <= 0 || Date.now() - this.lastRetentionSweep < RETENTION_SWEEP_MS) return;
    this.lastRetentionSweep = Date.now();
    const em = this.options.orm.em.fork();
    const cutoff = new Date(Date.now() - this.options.retentionDays * 86_400_000);
    const old = await em.find(
      WebhookDelivery,
      { processedAt: { $ne: null, $lt: cutoff } },
      { fields: ['id'], orderBy: { id: 'asc' }, limit: RETENTION_SWEEP_ROWS },
    );
    if (old.length > 0) await em.nativeDelete(WebhookDelivery, { id: { $in: old.map((d) => d.id) } });
  }
}

/** A delivery failed while its batch was applied in one transaction. */
class BatchInterrupted extends Error {
  constructor(override readonly cause: unknown) {
    super('a delivery failed; the batch is redone one delivery at a time');
    this.name = 'BatchInterrupted';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name} (${code})` : error.name;
  }
  return 'unknown error';
}
