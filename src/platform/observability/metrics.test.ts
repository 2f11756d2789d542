import { createMetrics } from './metrics';

test('the scrape-time gauges report the counts they are given, and nothing (not a failed scrape) when the database is down', async () => {
  const metrics = createMetrics();
  let down = false;
  metrics.countFrom({
    credentials: async () => {
      if (down) throw new Error('connection refused');
      return [{ status: 'active', circuitState: 'closed', count: 2 }, { status: 'invalid', circuitState: 'open', count: 1 }];
    },
    queuedJobs: async () => [{ queue: 'agent-inbound', count: 5 }],
  });
  const up = await metrics.registry.metrics();
  expect(up).toContain('wc_credentials{status="active"} 2');
  expect(up).toContain('wc_circuit_breakers{state="open"} 1');
  expect(up).toContain('wc_job_queue_depth{queue="agent-inbound"} 5');
  down = true;
  const during = await metrics.registry.metrics();
  expect(during).not.toContain('wc_credentials{');
  expect(during).toContain('wc_job_queue_depth{queue="agent-inbound"} 5');
});
