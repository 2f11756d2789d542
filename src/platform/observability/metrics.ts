import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const REMOTE_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Counts read from the database when Prometheus scrapes (cheap aggregate queries), not kept in memory. */
export interface ScrapedCounts {
  /** Credentials by status and circuit state. */
  credentials(): Promise<Array<{ status: string; circuitState: string; count: number }>>;
  /** Jobs waiting to run (created or retry), by queue. */
  queuedJobs(): Promise<Array<{ queue: string; count: number }>>;
}

/**
 * One registry per running app (not prom-client's global one), so two instances in one test process
 * never fight over metric names. Every series is documented in docs/operations.md; label values are
 * always bounded (route names, outcomes, error codes, queue names), never ids, paths or user input.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const inboundMessages = new Counter({
    name: 'wc_inbound_messages_total',
    help: 'Inbound items applied by processing: stored, duplicate (already stored), status, dead_lettered.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const inboundBatches = new Histogram({
    name: 'wc_inbound_batches_seconds',
    help: 'Time to claim, apply and commit one batch of stored webhook deliveries.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  let backlogProbe: (() => Promise<{ deliveries: number; oldestSeconds: number }>) | null = null;
  let lastBacklog: Promise<{ deliveries: number; oldestSeconds: number }> | null = null;
  /** One probe per scrape for both gauges. */
  const backlog = () => (lastBacklog ??= (backlogProbe?.() ?? Promise.resolve({ deliveries: 0, oldestSeconds: 0 })).finally(() => setImmediate(() => (lastBacklog = null))));
  new Gauge({
    name: 'wc_inbound_backlog_deliveries',
    help: 'Stored webhook deliveries not processed yet.',
    registers: [registry],
    async collect() {
      this.set((await backlog().catch(() => ({ deliveries: NaN }))).deliveries);
    },
  });
  new Gauge({
    name: 'wc_inbound_backlog_oldest_seconds',
    help: 'Age of the oldest stored webhook delivery not processed yet (0 when none waits).',
    registers: [registry],
    async collect() {
      this.set((await backlog().catch(() => ({ oldestSeconds: NaN }))).oldestSeconds);
    },
  });
  const registers = [registry];
  let scraped: ScrapedCounts | undefined;
  // A scrape during a database outage still answers (without these gauges): the outage is what it must show.
  const counted = async <T>(read: (source: ScrapedCounts) => Promise<T[]>): Promise<T[]> =>
    scraped ? read(scraped).catch(() => []) : [];

  const metrics = {
    /** Where the backlog gauges read from (the inbox knows its table). */
    setInboundBacklogProbe(probe: () => Promise<{ deliveries: number; oldestSeconds: number }>) {
      backlogProbe = probe;
    },
    recordInboundBatch(report: { messages: number; duplicateMessages: number; statuses: number; deadLettered: number; seconds: number }) {
      inboundMessages.inc({ outcome: 'stored' }, report.messages);
      inboundMessages.inc({ outcome: 'duplicate' }, report.duplicateMessages);
      inboundMessages.inc({ outcome: 'status' }, report.statuses);
      inboundMessages.inc({ outcome: 'dead_lettered' }, report.deadLettered);
      inboundBatches.observe(report.seconds);
    },
    registry,
    httpRequests: new Counter({
      name: 'wc_http_requests_total',
      help: 'HTTP requests by route and status code (0: the client went away before the answer).',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
    httpRequestSeconds: new Histogram({
      name: 'wc_http_request_seconds',
      help: 'HTTP request duration by route.',
      labelNames: ['route'] as const,
      buckets: FAST_BUCKETS,
      registers,
    }),
    graphqlOperations: new Histogram({
      name: 'wc_graphql_operation_seconds',
      help: 'GraphQL operations (HTTP and graphql-ws) by root field, type and outcome (ok, refused, error).',
      labelNames: ['operation', 'type', 'outcome', 'transport'] as const,
      buckets: FAST_BUCKETS,
      registers,
    }),
    graphqlWsConnections: new Gauge({
      name: 'wc_graphql_ws_connections',
      help: 'Open graphql-ws sockets.',
      registers,
    }),
    graphqlWsSubscriptions: new Gauge({
      name: 'wc_graphql_ws_subscriptions',
      help: 'Active graphql-ws subscriptions.',
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'wc_webhook_deliveries_total',
      help: 'Webhook POSTs from Meta: accepted (stored, answered 200) or rejected, by reason.',
      labelNames: ['outcome', 'reason'] as const,
      registers,
    }),
    webhookDeliveriesSettled: new Counter({
      name: 'wc_webhook_deliveries_settled_total',
      help: 'Stored webhook deliveries whose processing ended, by outcome (processed, dead_lettered, ...).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    sends: new Counter({
      name: 'wc_messages_sent_total',
      help: 'Sends to WhatsApp by outcome (sent, failed, error) and error code.',
      labelNames: ['outcome', 'error_code'] as const,
      registers,
    }),
    graphRequestSeconds: new Histogram({
      name: 'wc_graph_api_request_seconds',
      help: 'Graph API call duration by method, endpoint (ids replaced by {id}) and outcome.',
      labelNames: ['method', 'endpoint', 'outcome'] as const,
      buckets: REMOTE_BUCKETS,
      registers,
    }),
    graphRequestErrors: new Counter({
      name: 'wc_graph_api_errors_total',
      help: 'Failed Graph API calls by endpoint and code (Graph error code, or timeout/network/http_status/malformed_response).',
      labelNames: ['method', 'endpoint', 'code'] as const,
      registers,
    }),
    healthChecks: new Counter({
      name: 'wc_credential_health_checks_total',
      help: 'Credential health checks by result (healthy, rejected, unreachable, error).',
      labelNames: ['result'] as const,
      registers,
    }),
    keyStoreSeconds: new Histogram({
      name: 'wc_key_store_operation_seconds',
      help: 'Key store (Vault transit or embedded keyring) operation duration by backend and operation.',
      labelNames: ['backend', 'operation'] as const,
      buckets: REMOTE_BUCKETS,
      registers,
    }),
    keyStoreErrors: new Counter({
      name: 'wc_key_store_errors_total',
      help: 'Failed key store operations by backend, operation and error class.',
      labelNames: ['backend', 'operation', 'error'] as const,
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: 'wc_rate_limit_refusals_total',
      help: 'Refusals by a shared token bucket, by limit (user, credential, webhook; phone and pair: send pacing, which waits).',
      labelNames: ['limit'] as const,
      registers,
    }),
    /** Tells the scrape-time gauges where to count; until then they report nothing. */
    countFrom(source: ScrapedCounts) {
      scraped = source;
    },
  };

  new Gauge({
    name: 'wc_credentials',
    help: 'Stored WhatsApp credentials by status.',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await counted((source) => source.credentials())) this.inc({ status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'wc_circuit_breakers',
    help: 'Credentials by circuit-breaker state (closed, open, half_open).',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await counted((source) => source.credentials())) this.inc({ state: row.circuitState }, row.count);
    },
  });
  new Gauge({
    name: 'wc_job_queue_depth',
    help: 'Background jobs waiting to run (created or retry), by queue.',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await counted((source) => source.queuedJobs())) this.set({ queue: row.queue }, row.count);
    },
  });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
