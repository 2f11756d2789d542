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
  const registers = [registry];
  let scraped: ScrapedCounts | undefined;
  // A scrape during a database outage still answers (without these gauges): the outage is what it must show.
  const counted = async <T>(read: (source: ScrapedCounts) => Promise<T[]>): Promise<T[]> =>
    scraped ? read(scraped).catch(() => []) : [];

  const metrics = {
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
