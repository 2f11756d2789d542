/**
 * Retention at scale: how long the retention sweep takes to delete 1,000,000 processed webhook deliveries
 * (700-byte bodies, as Meta's text webhooks are) that are past the retention, with 100,000 younger rows
 * kept, on an embedded PostgreSQL (default settings, fsync on). Baseline, same run, same server, same
 * rows: one plain `DELETE … WHERE processed_at < cutoff` (the fastest way to delete them, and what a
 * sweep must not do in production: one transaction holding a million row locks and its WAL).
 *
 *   npm run bench:retention            (or `-- 200000` for a smaller table)
 *
 * The bound is a ratio, since only ratios travel between machines: the sweep's deletes per second must be
 * at least MIN_RATIO of the single DELETE's. A miss exits with status 1.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startEmbeddedDatabase } from '../src/platform/db/embedded-database';
import { createPluginOrm } from '../src/app/database';
import { migrateToLatest } from '../src/platform/db/orm';
import { createLogger } from '../src/platform/observability/logger';
import { RetentionSweeper } from '../src/webhooks/retention';

const OLD = Number(process.argv[2] ?? 1_000_000);
const YOUNG = 100_000;
const BATCH_ROWS = 5_000;
const MIN_RATIO = 0.5;
const SCHEMA = 'bench_retention';
const RECEIVE_RATE = 1_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-retention-'));
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), logger: createLogger('silent') });
  const orm = await createPluginOrm({ clientUrl: database.url, schema: SCHEMA, poolMax: 2 });
  const pool = new Pool({ connectionString: database.url, max: 1 });
  const table = `"${SCHEMA}".webhook_deliveries`;
  try {
    await migrateToLatest(orm, SCHEMA);
    // Ids in receipt order, like the inbox: the old rows first, then the young ones.
    const seed = async () => {
      await pool.query(`truncate ${table}`);
      await pool.query(`insert into ${table} (endpoint_id, received_at, raw_body, processed_at, outcome, next_attempt_at)
        select gen_random_uuid(), now() - interval '20 days', convert_to(repeat('x', 700), 'UTF8'), now() - interval '20 days', 'processed', now() - interval '20 days'
        from generate_series(1, $1)`, [OLD]);
      await pool.query(`insert into ${table} (endpoint_id, received_at, raw_body, processed_at, outcome)
        select gen_random_uuid(), now() - interval '1 day', convert_to(repeat('x', 700), 'UTF8'), now() - interval '1 day', 'processed'
        from generate_series(1, $1)`, [YOUNG]);
      await pool.query(`vacuum analyze ${table}`);
    };
    const remaining = async () => Number((await pool.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);

    const seedStart = performance.now();
    await seed();
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const b0 = performance.now();
    const { rowCount } = await pool.query(`delete from ${table} where processed_at < now() - interval '14 days'`);
    const baselineSeconds = (performance.now() - b0) / 1000;
    if (rowCount !== OLD || (await remaining()) !== YOUNG) throw new Error('the baseline did not delete exactly the old rows');

    await seed();
    const sweeper = new RetentionSweeper({
      databaseUrl: database.url,
      schema: SCHEMA,
      logger: createLogger('silent'),
      deliveryRetentionDays: 14,
      statusRetentionDays: 30,
      batchRows: BATCH_ROWS,
      intervalMs: 60_000,
    });
    const s0 = performance.now();
    const result = await sweeper.sweep();
    const sweepSeconds = (performance.now() - s0) / 1000;
    if (result?.deliveries !== OLD || (await remaining()) !== YOUNG) throw new Error(`the sweep did not delete exactly the old rows: ${JSON.stringify(result)}`);

    const sweepRate = OLD / sweepSeconds;
    const baselineRate = OLD / baselineSeconds;
    const ratio = sweepRate / baselineRate;
    console.log(`node ${process.version}, ${new Date().toISOString()}; ${OLD.toLocaleString('en-US')} old + ${YOUNG.toLocaleString('en-US')} kept deliveries, seeded in ${seedSeconds.toFixed(1)} s`);
    console.log(`${'case'.padEnd(52)}  ${'seconds'.padStart(8)}  ${'deletes/s'.padStart(10)}  statements`);
    console.log(`${`retention sweep (${BATCH_ROWS.toLocaleString('en-US')} rows per DELETE)`.padEnd(52)}  ${sweepSeconds.toFixed(2).padStart(8)}  ${Math.round(sweepRate).toLocaleString('en-US').padStart(10)}  ${result.batches}`);
    console.log(`${'baseline: one plain DELETE'.padEnd(52)}  ${baselineSeconds.toFixed(2).padStart(8)}  ${Math.round(baselineRate).toLocaleString('en-US').padStart(10)}  1`);
    // At a sustained receive rate, a day of deliveries is what each day's sweeps must delete.
    const dayShare = (RECEIVE_RATE * 86_400) / sweepRate / 86_400;
    console.log(`at ${RECEIVE_RATE.toLocaleString('en-US')} deliveries/s, sweeping a day's deliveries takes ${(100 * dayShare).toFixed(1)}% of the day`);
    const ok = ratio >= MIN_RATIO;
    console.log(`sweep / single DELETE: ${ratio.toFixed(2)}× (bound ≥ ${MIN_RATIO}×) ${ok ? 'PASS' : 'FAIL'}`);
    return ok ? 0 : 1;
  } finally {
    await pool.end();
    await orm.close(true);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
