import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per running app (not prom-client's global one), so two instances in one test process
 * never fight over metric names.
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
  return {
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
      help: 'HTTP requests by route and status code.',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    graphqlOperations: new Histogram({
      name: 'wc_graphql_operation_seconds',
      help: 'GraphQL operation duration by operation type and outcome.',
      labelNames: ['type', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'wc_webhook_deliveries_total',
      help: 'Webhook POSTs from Meta by outcome.',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
