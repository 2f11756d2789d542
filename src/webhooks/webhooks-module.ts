import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import type { AppServices } from '../graphql/app-services';
import { QueueName } from '../jobs';
import type { Metrics } from '../observability/metrics';
import { configureWebhook, type CredentialFailureSignal } from './configure-webhook';
import { EndpointCache } from './endpoint-cache';
import { InboxProcessor } from './inbox-processor';
import { InboxWriter } from './inbox-writer';
import { WebhookReceiver } from './webhook-receiver';
import { createWebhookRoute } from './webhook-route';

export interface WebhooksModuleOptions {
  services: AppServices;
  /** The database the plugin's schema lives in; the receiver writes the inbox through a small pool of its own. */
  databaseUrl: string;
  metrics: Metrics;
  /** Told about credential failures Meta reports while configuring (the health checks subscribe here). */
  onCredentialFailure?: (signal: CredentialFailureSignal) => Promise<void> | void;
}

export interface WebhooksModule {
  /** The handler of `<WEBHOOK_PATH_PREFIX>/<endpoint key>`. */
  route: (req: IncomingMessage, res: ServerResponse, endpointKey: string, url: URL) => Promise<void>;
  processor: InboxProcessor;
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
 * this process less per delivery. Measured (README): 4 takes about 1.6 times the deliveries per second
 * of one INSERT per request, where 8 only matched it, with no worse latency at 1,000 deliveries/s.
 */
const INBOX_CONNECTIONS = 4;
/** Batches of the inbox worked at once per instance; more instances add more. */
const PROCESSING_LOOPS = 2;

/** Wires the webhook domain: receiver and its HTTP route, the inbox processor, the configuration job. */
export function createWebhooksModule(options: WebhooksModuleOptions): WebhooksModule {
  const { services, metrics } = options;
  const { config, logger, orm, keys, jobs, eventBus, whatsapp } = services;
  const settings = config.webhooks;

  const pool = new Pool({ connectionString: options.databaseUrl, max: INBOX_CONNECTIONS, application_name: 'whatsapp-connect-webhooks' });
  pool.on('error', (error) => logger.warn({ err: error }, 'webhook inbox connection lost; it is replaced on next use'));
  const processor = new InboxProcessor({
    orm,
    keys,
    jobs,
    eventBus,
    logger,
    pollIntervalMs: config.jobs.pollingIntervalSeconds * 1000,
    retentionDays: settings.deliveryRetentionDays,
    concurrency: PROCESSING_LOOPS,
  });
  const receiver: WebhookReceiver = new WebhookReceiver({
    orm,
    keys,
    logger,
    cache: new EndpointCache({ ...config.secretCache, load: (key) => receiver.loadSnapshot(key) }),
    inbox: new InboxWriter({ pool, schema: config.database.schema, maxInFlight: INBOX_CONNECTIONS }),
    onStored: () => processor.notify(),
    rateLimit: { limiter: services.rateLimiter, perSecond: config.rateLimits.webhookPerSecond },
    unverifiedQuota: settings.unverifiedQuota,
  });
  processor.on('settled', (item) => {
    if (item.outcome) metrics.webhookDeliveries.inc({ outcome: `processed_${item.outcome}` });
  });

  return {
    route: createWebhookRoute({ receiver, maxBodyBytes: settings.maxBodyBytes, bodyIdleTimeoutMs: config.http.bodyIdleTimeoutMs, metrics, logger }),
    processor,
    async startWorkers() {
      // Created here so inbound messages can be queued even before the agent domain's worker starts.
      await jobs.ensureQueue(QueueName.AgentInbound);
      await jobs.define<{ credentialId: string }>(
        QueueName.WebhookConfigure,
        {
          retryLimit: settings.configureAttempts - 1,
          retryDelaySeconds: settings.configureRetryDelaySeconds,
          retryDelayMaxSeconds: 15 * 60,
          policy: 'stately',
          concurrency: 2,
        },
        async (job) => {
          await configureWebhook(
            { whatsapp, keys, logger, webhookBase: () => services.publicUrls.webhookBase, onCredentialFailure: options.onCredentialFailure },
            orm.em.fork(),
            job.data.credentialId,
            { final: job.retryCount >= settings.configureAttempts - 1 },
          );
        },
      );
      if (settings.processing) processor.start();
    },
    async stop() {
      await processor.stop();
      await pool.end();
    },
  };
}
