import { setTimeout as delay } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import { PgBoss, type Job } from 'pg-boss';
import { isConnectionLoss } from '../db/pg-errors';
import type { Logger } from '../observability/logger';
import type { QueueSettings, QueueSettingsTable } from './queue-names';

export interface JobQueueOptions {
  connectionString: string;
  /** pg-boss keeps its tables in a schema of its own, next to the plugin's. */
  schema: string;
  logger: Logger;
  /** Idle poll; LISTEN/NOTIFY wakes workers at once, polling is only the backstop. */
  pollingIntervalSeconds?: number;
  /** Runs cron schedules on this instance (every instance may; pg-boss elects one per tick). */
  schedule?: boolean;
  max?: number;
  /** Every queue this process sends to or works, with its settings (queueSettings(config) in the app). */
  queues: QueueSettingsTable;
}

export interface JobContext<T> {
  id: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  /** No retry follows if this attempt fails (its queue's retryLimit is reached): give up cleanly. */
  lastAttempt: boolean;
  signal: AbortSignal;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

export interface SendOptions {
  singletonKey?: string;
  /** A Date, or seconds from now. */
  startAfter?: Date | number;
  /**
   * Enqueue inside this unit of work's open transaction, so the job exists if and only if the
   * transaction commits (the transactional outbox).
   */
  em?: EntityManager;
}

/**
 * Durable background work on PostgreSQL (pg-boss): retried with backoff, claimed with SKIP LOCKED so
 * several plugin instances share one queue safely, and woken by LISTEN/NOTIFY.
 */
export class JobQueue {
  private stopped = false;
  private readonly stopping = new AbortController();

  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
    private readonly pollingIntervalSeconds: number,
    private readonly queues: QueueSettingsTable,
  ) {}

  static async start(options: JobQueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      max: options.max ?? 5,
      application_name: 'whatsapp-connect-jobs',
      useListenNotify: true,
      schedule: options.schedule ?? true,
      openTelemetry: { enabled: false },
    });
    boss.on('error', (err) => options.logger.error({ err }, 'job queue error'));
    await boss.start();
    const queue = new JobQueue(boss, options.logger, options.pollingIntervalSeconds ?? 2, options.queues);
    for (const [name, settings] of Object.entries(options.queues)) await queue.createQueue(name, settings);
    return queue;
  }

  private async createQueue(name: string, settings: QueueSettings): Promise<void> {
    await this.boss.createQueue(name, { policy: settings.policy ?? 'standard', ...retrySettings(settings) } as never);
  }

  /**
   * Starts this process's workers for a queue, with the queue's settings from the table the queue was
   * started with: policy, retries, expiry and workers are stated there and nowhere else. The retry
   * settings are written to the queue again, so a deploy that changes them applies to jobs sent from now.
   */
  async define<T extends object>(name: string, handler: JobHandler<T>): Promise<void> {
    const settings = this.queues[name];
    if (!settings) throw new Error(`queue ${name} has no settings: add it to the queue settings table`);
    await this.boss.updateQueue(name, retrySettings(settings) as never);
    const concurrency = settings.concurrency ?? 1;
    const workId = await this.boss.work<T>(
      name,
      {
        localConcurrency: concurrency,
        batchSize: settings.batchSize ?? 1,
        pollingIntervalSeconds: this.pollingIntervalSeconds,
        notifyPollingIntervalSeconds: Math.max(this.pollingIntervalSeconds, 5),
      },
      async (jobs: Job<T>[]) => {
        const startedAt = Date.now();
        // The jobs of one fetch run side by side; their successes are recorded in one statement.
        const failures = new Map<Job<T>, unknown>();
        await Promise.all(
          jobs.map(async (job) => {
            try {
              await handler({ id: job.id, data: job.data, retryCount: job.retryCount, lastAttempt: job.retryCount >= settings.retryLimit, signal: job.signal });
            } catch (error) {
              this.logger.warn({ err: error, queue: name, jobId: job.id, retryCount: job.retryCount }, 'job failed; will retry if attempts remain');
              failures.set(job, error);
            }
          }),
        );
        this.fetchAgain(workId);
        const succeeded = jobs.filter((job) => !failures.has(job));
        const settled = await Promise.allSettled([
          succeeded.length > 0 ? this.settle(name, succeeded, startedAt, undefined) : Promise.resolve(),
          ...[...failures].map(([job, error]) => this.settle(name, [job], startedAt, { error })),
        ]);
        const thrown = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        if (thrown) throw thrown.reason;
      },
    );
  }

  /**
   * Records a job's outcome, retrying while PostgreSQL cannot be reached. pg-boss records it once, and
   * when that write fails (the handler failed *because* the server was restarting) the job stays
   * `active` until its expiry, minutes later, although the server is back within seconds; a job that had
   * succeeded would then run again. Settling here, fenced to this attempt like pg-boss's own settle, lets
   * the job finish or retry as soon as the server answers; pg-boss's settle afterwards finds the attempt
   * no longer active and does nothing. The retries end before pg-boss's own deadline for the handler
   * (`expireInSeconds` from its start, which counts this loop too) and when the queue stops; pg-boss
   * then settles as it always did.
   */
  private async settle<T>(name: string, jobs: Array<Job<T>>, startedAt: number, failure: { error: unknown } | undefined): Promise<void> {
    const attempt = jobs.map((job) => ({ id: job.id, retryCount: job.retryCount }));
    const giveUpAt = startedAt + Math.min(...jobs.map((job) => job.expireInSeconds)) * 1000 - SETTLE_DEADLINE_MARGIN_MS;
    for (let delayMs = SETTLE_RETRY_FIRST_MS; ; delayMs = Math.min(delayMs * 2, SETTLE_RETRY_MAX_MS)) {
      try {
        if (failure) await this.boss.fail(name, attempt, failure.error as object);
        else await this.boss.complete(name, attempt);
        return;
      } catch (err) {
        const stopped = this.stopping.signal.aborted || jobs.some((job) => job.signal.aborted);
        if (stopped || !isConnectionLoss(err) || Date.now() + delayMs > giveUpAt) {
          this.logger.warn({ err, queue: name, jobIds: jobs.map((job) => job.id) }, 'could not record a job outcome; left to pg-boss');
          // A success is returned: pg-boss then completes the job (fenced) itself, and never fails it.
          if (failure) throw failure.error;
          return;
        }
        this.logger.warn({ err, queue: name, jobIds: jobs.map((job) => job.id), retryInMs: delayMs }, 'could not record a job outcome yet; retrying');
        await delay(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  /**
   * With LISTEN/NOTIFY on, a pg-boss worker that has run a job waits out the slow notify backstop before
   * fetching again, and PostgreSQL folds the identical NOTIFYs of one transaction into one: a webhook
   * batch that queues 25 jobs wakes each worker once, and the rest of the backlog then drained at
   * `concurrency` jobs per backstop interval (measured: 0.8 agent-inbound jobs/s after a burst). Having
   * run a job, the queue's workers fetch again at once, so a backlog drains at full speed; a fetch that
   * finds nothing sends a worker back to waiting, so an empty queue costs at most one fetch per worker.
   */
  private fetchAgain(workId: string): void {
    for (const worker of this.boss.getWipData()) {
      if (worker.workId === workId) this.boss.notifyWorker(worker.id);
    }
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfter,
      db: options.em ? transactionDb(options.em) : undefined,
    });
  }

  /**
   * Enqueues one job per payload in one statement, inside the transaction `db` runs in (the
   * transactional outbox for set-based code that does not use the ORM).
   */
  async insertMany<T extends object>(
    name: string,
    payloads: T[],
    db: Pick<Kysely<unknown>, 'executeQuery'>,
    options: { singletonKey?: (payload: T) => string } = {},
  ): Promise<void> {
    if (payloads.length === 0) return;
    await this.boss.insert(
      name,
      // A payload whose singleton key is already queued is skipped (pg-boss inserts with ON CONFLICT DO NOTHING).
      payloads.map((data) => ({ data, singletonKey: options.singletonKey?.(data) })),
      {
        db: {
          executeSql: async (text: string, values: unknown[] = []) => ({ rows: (await db.executeQuery(CompiledQuery.raw(text, values))).rows as never[] }),
        },
      },
    );
  }

  /** A recurring job (cron, UTC). Idempotent: re-declaring replaces the schedule. */
  async schedule<T extends object>(name: string, cron: string, data: T, key?: string): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: 'UTC', key });
  }

  /** Counts by state, for progress and tests. */
  async stats(name: string): Promise<{ queued: number; active: number; failed: number }> {
    const queue = await this.boss.getQueue(name);
    return { queued: queue?.queuedCount ?? 0, active: queue?.activeCount ?? 0, failed: queue?.failedCount ?? 0 };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    await this.boss.stop({ graceful: true, timeout: 10_000, close: true });
  }
}

const SETTLE_RETRY_FIRST_MS = 250;
const SETTLE_RETRY_MAX_MS = 5_000;
const SETTLE_DEADLINE_MARGIN_MS = 5_000;

/** pg-boss's database adapter over the unit of work's open transaction. */
function transactionDb(em: EntityManager) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const ctx = em.getTransactionContext() as { executeQuery?: (q: CompiledQuery) => Promise<{ rows: unknown[] }> } | undefined;
      if (!ctx?.executeQuery) throw new Error('JobQueue.send({ em }) must be called inside em.transactional()');
      const result = await ctx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as never[] };
    },
  };
}

function retrySettings(settings: QueueSettings) {
  return {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds ?? 2,
    retryBackoff: true,
    retryDelayMax: settings.retryDelayMaxSeconds ?? 300,
    expireInSeconds: settings.expireInSeconds ?? 300,
    notify: true,
  };
}
