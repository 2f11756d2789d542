import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { SelfReleasingClient } from '../platform/db/self-releasing-client';
import { QueueName } from '../platform/jobs';
import { WebhookTopic } from './webhook-events';
import type { WebhookServices } from './webhook-services';
import type { InboundAgents } from './inbound-agents';
import type { Metrics } from '../platform/observability/metrics';
import { configureWebhook, type CredentialFailureSignal } from './configure-webhook';
import { EndpointCache } from './endpoint-cache';
import { InboxProcessor } from './inbox-processor';
import { InboxWriter } from './inbox-writer';
import { WebhookReceiver } from './webhook-receiver';
import type { FailureAlerts } from '../alerts';
import { RetentionSweeper, type RetentionOptions } from './retention';
import { createWebhookRoute } from './webhook-route';

export interface WebhooksModuleOptions {
  services: WebhookServices;
  /** What the agents domain decides about inbound messages. */
  agents: InboundAgents;
  /** The database the plugin's schema lives in; the receiver writes the inbox through a small pool of its own. */
  databaseUrl: string;
  metrics: Metrics;
  /** Told about credential failures Meta reports while configuring (the health checks subscribe here). */
  onCredentialFailure?: (signal: CredentialFailureSignal) => Promise<void> | void;
  /** Told after each batch about its unrouted messages, failed statuses and dead letters (owners' alerts). */
  failureAlerts?: Pick<FailureAlerts, 'record'>;
  /** Removes the bucket copies of messages the retention sweep deleted (MEDIA_STORE_S3_BUCKET set). */
  onMediaCopiesDeleted?: RetentionOptions['onMediaCopiesDeleted'];
}

interface InboxBacklog {
  deliveries: number;
  oldestSeconds: number;
  deadLetters: number;
}

export interface WebhooksModule {
  /** The handler of `<WEBHOOK_PATH_PREFIX>/<endpoint key>`. */
  route: (req: IncomingMessage, res: ServerResponse, endpointKey: string, url: URL) => Promise<void>;
  processor: InboxProcessor;
  /** Stored deliveries not processed yet, how long the oldest has waited, and unresolved dead letters. */
  backlog(): Promise<InboxBacklog>;
  /**
   * Starts the background work once the HTTP server listens: configuring Meta makes Meta call our
   * endpoint back, and processing needs nothing else.
   */
  startWorkers(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Connections of the inbox pool, i.e. INSERTs in flight at once (see InboxWriter). Few on purpose: rows
 * that arrive while they are busy share the next INSERT, and fewer, larger INSERTs cost the database and
 * this process less per delivery. Measured with `npm run bench:webhooks` (method and current figures in
 * docs/benchmarks.md): 4 took about 1.6 times the deliveries per second of one INSERT per request, where
 * 8 only matched it. 2, with each turn's rows gathered into one INSERT, took 1.4 times the single-INSERT
 * server closed loop and, at 1,000 deliveries/s in bench:e2e, wrote 8,400 INSERTs for 22,500 deliveries
 * where 4 wrote 13,600: a third fewer round trips for the database and this process to pay.
 */
const INBOX_CONNECTIONS = 2;
/**
 * Batches of the inbox worked at once per instance; more instances add more. Two, so that one batch's
 * statements run while the other's wait for their commit.
 */
const PROCESSING_LOOPS = 2;
/** Deliveries per batch: large enough that round trips are a rounding error per delivery. */
const PROCESSING_BATCH = 500;
/** Longest a receive-only instance holds back the wake-up of processing instances, gathering deliveries. */
const WAKE_COALESCE_MS = 10;

/** Wires the webhook domain: receiver and its HTTP route, the inbox processor, the configuration job. */
export function createWebhooksModule(options: WebhooksModuleOptions): WebhooksModule {
  const { services, metrics } = options;
  const { config, logger, orm, keys, jobs, eventBus, whatsapp } = services;
  const settings = config.webhooks;

  const pool = new Pool({ connectionString: options.databaseUrl, max: INBOX_CONNECTIONS, application_name: 'whatsapp-connect-webhooks' });
  pool.on('error', (error) => logger.warn({ err: error }, 'webhook inbox connection lost; it is replaced on next use'));
  // Processing's own connections (one per loop, one for after-commit writes), so it never waits behind
  // the ORM's pool or the receiver's.
  // Kysely keeps a connection whose BEGIN, COMMIT or ROLLBACK met a restarting server (SelfReleasingClient).
  const processingPool = new Pool({ connectionString: options.databaseUrl, max: PROCESSING_LOOPS + 1, application_name: 'whatsapp-connect-inbound', Client: SelfReleasingClient });
  processingPool.on('error', (error) => logger.warn({ err: error }, 'inbound processing connection lost; it is replaced on next use'));
  // A connection held by a batch's transaction has no pool listener while checked out: without one of
  // its own, a server restart between two statements would be an unhandled 'error' event.
  processingPool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'inbound processing connection lost mid-batch; the batch is retried')));
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: processingPool }) });
  const processor = new InboxProcessor({
    db,
    schema: config.database.schema,
    orm,
    keys,
    jobs,
    eventBus,
    agents: options.agents,
    logger,
    pollIntervalMs: config.jobs.pollingIntervalSeconds * 1000,
    batchSize: PROCESSING_BATCH,
    concurrency: PROCESSING_LOOPS,
    onBatch: (report) => metrics.recordInboundBatch(report),
    emailAlerts: Boolean(config.email.smtpUrl),
    failureAlerts: options.failureAlerts,
    copyMedia: Boolean(config.media.store),
  });
  // One statement, read by the metrics scrape and by /readyz. The deliveries part walks only the partial
  // index of unprocessed rows (and their heap rows for the age), never the retained processed ones, so
  // its cost follows the backlog, not the table. Dead letters are few: only items that failed alone.
  const processing = config.operations.role !== 'receive';
  // A receive-only instance has no processor of its own to wake: it tells the processing instances
  // instead, at most once per WAKE_COALESCE_MS however many deliveries arrive, so they need not wait
  // for their poll (JOB_POLLING_INTERVAL_SECONDS).
  let wakeQueued = false;
  const wakeProcessors = () => {
    if (wakeQueued) return;
    wakeQueued = true;
    setTimeout(() => {
      wakeQueued = false;
      eventBus.publish(WebhookTopic.InboxStored, 'every-instance', {});
    }, WAKE_COALESCE_MS).unref();
  };
  let wakes: AsyncIterableIterator<unknown> | undefined;
  const backlog = async (): Promise<InboxBacklog> => {
    const schema = config.database.schema;
    const { rows } = await sql<{ deliveries: number; oldest: number; dead_letters: number }>`
      select count(*)::int as deliveries, coalesce(extract(epoch from now() - min(received_at)), 0)::float8 as oldest,
             (select count(*)::int from ${sql.table(`${schema}.webhook_dead_letters`)} where resolved_at is null) as dead_letters
        from ${sql.table(`${schema}.webhook_deliveries`)} where processed_at is null
    `.execute(db);
    return { deliveries: rows[0]!.deliveries, oldestSeconds: rows[0]!.oldest, deadLetters: rows[0]!.dead_letters };
  };
  metrics.setInboundBacklogProbe(backlog);
  const receiver: WebhookReceiver = new WebhookReceiver({
    orm,
    keys,
    logger,
    cache: new EndpointCache({ ...config.secretCache, load: (key) => receiver.loadSnapshot(key) }),
    inbox: new InboxWriter({ pool, schema: config.database.schema, maxInFlight: INBOX_CONNECTIONS }),
    onStored: () => (processing ? processor.notify() : wakeProcessors()),
    rateLimit: { limiter: services.rateLimiter, perSecond: config.rateLimits.webhookPerSecond },
    unverifiedQuota: settings.unverifiedQuota,
  });
  const retention = new RetentionSweeper({
    databaseUrl: options.databaseUrl,
    schema: config.database.schema,
    logger,
    deliveryRetentionDays: settings.deliveryRetentionDays,
    statusRetentionDays: config.retention.statusDays,
    batchRows: config.retention.batchRows,
    intervalMs: config.retention.sweepIntervalSeconds * 1000,
    onMediaCopiesDeleted: options.onMediaCopiesDeleted,
  });
  processor.on('settled', (item) => {
    if (item.outcome) metrics.webhookDeliveriesSettled.inc({ outcome: item.outcome });
  });

  return {
    route: createWebhookRoute({ receiver, maxBodyBytes: settings.maxBodyBytes, bodyIdleTimeoutMs: config.http.bodyIdleTimeoutMs, metrics, logger }),
    processor,
    backlog,
    async startWorkers() {
      // Attempts and backoff are the queue's (queueSettings, from WEBHOOK_CONFIGURE_*).
      await jobs.define<{ credentialId: string }>(QueueName.WebhookConfigure, async (job) => {
        await configureWebhook(
          { whatsapp, keys, logger, webhookBase: () => services.publicUrls.webhookBase, onCredentialFailure: options.onCredentialFailure },
          orm.em.fork(),
          job.data.credentialId,
          { final: job.lastAttempt },
        );
      });
      // A receive-only instance stores and acknowledges; instances with the process role work the inbox.
      if (processing) {
        processor.start();
        retention.start();
        const subscription = (wakes = eventBus.subscribe(WebhookTopic.InboxStored, 'every-instance'));
        void (async () => {
          for await (const _ of subscription) processor.notify();
        })().catch((error: unknown) => logger.warn({ err: error }, 'inbox wake-ups from receive instances stopped; the poll still finds their deliveries'));
      }
    },
    async stop() {
      await wakes?.return?.();
      await retention.stop();
      await processor.stop();
      await Promise.all([pool.end(), db.destroy()]);
    },
  };
}
