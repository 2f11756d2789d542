import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per running app (not prom-client's global one), so two instances in one test process
 * never fight over metric names.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
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
