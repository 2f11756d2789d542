import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createMetrics } from '../../src/platform/observability/metrics';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Series the inbound-processing work adds; documented, charted and alerted on here already. */
const INBOUND_SERIES = ['wc_inbound_backlog_deliveries', 'wc_inbound_backlog_oldest_seconds', 'wc_inbound_messages_total', 'wc_inbound_batches_seconds'];

const registry = createMetrics().registry;
const ours = registry.getMetricsAsArray().map((metric) => metric.name).filter((name) => name.startsWith('wc_'));
const known = new Set([
  ...registry.getMetricsAsArray().flatMap((metric) => [metric.name, `${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`]),
  ...INBOUND_SERIES.flatMap((name) => [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]),
  'up',
]);
const seriesIn = (expr: string) => [...expr.matchAll(/\b((?:wc|process|nodejs)_[a-z0-9_]+|up)\b(?=\s*[{[)\s]|$)/g)].map((m) => m[1]!);

test('docs/operations.md documents every series /metrics exposes', () => {
  const docs = read('docs/operations.md');
  expect(ours.length).toBeGreaterThanOrEqual(15);
  for (const name of [...ours, ...INBOUND_SERIES]) expect(docs).toContain(`\`${name}\``);
});

test('the alert rules parse, cover what an operator must hear about, and use only existing series', () => {
  const file = parse(read('deploy/prometheus-alerts.yml')) as { groups: Array<{ rules: Array<{ alert: string; expr: string; annotations: { summary: string } }> }> };
  const rules = file.groups.flatMap((group) => group.rules);
  for (const rule of rules) {
    expect(rule.annotations.summary).toBeTruthy();
    for (const series of seriesIn(rule.expr)) expect(known).toContain(series);
  }
  const exprs = rules.map((rule) => rule.expr).join('\n');
  expect(exprs).toContain('wc_inbound_backlog_oldest_seconds');
  expect(exprs).toMatch(/wc_circuit_breakers\{state="open"\}/);
  expect(exprs).toContain('wc_key_store_errors_total');
  expect(exprs).toMatch(/wc_credentials\{status=~"invalid/);
});

test('the Grafana dashboard parses and charts only existing series', () => {
  const dashboard = JSON.parse(read('deploy/grafana-dashboard.json')) as { panels: Array<{ type: string; targets?: Array<{ expr: string }> }> };
  const exprs = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
  expect(exprs.length).toBeGreaterThan(20);
  const charted = new Set(exprs.flatMap(seriesIn));
  for (const series of charted) expect(known).toContain(series);
  for (const name of [...ours, ...INBOUND_SERIES]) {
    expect({ name, charted: [...charted].some((series) => series === name || series.startsWith(`${name}_`)) }).toEqual({ name, charted: true });
  }
});
