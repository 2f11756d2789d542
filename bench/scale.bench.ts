/**
 * Scale-out: does a second processing instance drain a backlog faster, and does it stay correct? One
 * PostgreSQL, one `INSTANCE_ROLE=receive` plugin process taking the webhooks, and 1, then 2,
 * `INSTANCE_ROLE=process` plugin processes (each started as `npm start` starts it) draining the same kind
 * of backlog: N signed single-message deliveries posted to the receive instance while no processor runs.
 * The backlog is held (its next attempt set an hour ahead) while the processors start, then released at
 * once, and one last delivery through the receive instance wakes them, so start-up is not timed.
 *
 * Prints drain/s for each count and the ratio, each processor's share (from its /metrics), and checks
 * that every delivery was processed exactly once into exactly one message.
 *
 *   npm run bench:scale               # 20,000 deliveries, rounds 1 and 2 processors, twice, taking turns
 *   npm run bench:scale -- 5000 1     # N deliveries, R rounds
 *
 * Exits non-zero on any delivery left unprocessed or processed more than once, any message missing or
 * stored twice. The ratio is reported, not gated: on 2 shared cores it may well be about 1x.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { startEmbeddedDatabase } from '../src/platform/db/embedded-database';
import { createLogger } from '../src/platform/observability/logger';
import { startSandbox } from '../src/adapters/sandbox';
import { buildDist, freePort, seedTenant, signedDelivery, startNodeOptions, startPluginProcess, type PluginProcess, type Tenant } from './plugin-process';

const POST_CONCURRENCY = 32;
const WAMID_PREFIX = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIY';

const total = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 2);

/** Posts deliveries `from`..`to`-1 of `run` to the receive instance; every one must be answered 200. */
async function post(webhookUrl: string, tenant: Tenant, run: string, from: number, to: number): Promise<void> {
  const url = new URL(webhookUrl);
  const pool = new HttpPool(url.origin, { connections: POST_CONCURRENCY });
  let next = from;
  try {
    await Promise.all(
      Array.from({ length: POST_CONCURRENCY }, async () => {
        while (next < to) {
          const { body, signature } = signedDelivery(tenant, run, next++);
          const response = await pool.request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
          await response.body.dump();
          if (response.statusCode !== 200) throw new Error(`the receive instance answered ${response.statusCode}`);
        }
      }),
    );
  } finally {
    await pool.close();
  }
}

async function storedBy(processor: PluginProcess): Promise<number> {
  const text = await (await fetch(`${processor.url}/metrics`)).text();
  return Number(/^wc_inbound_messages_total\{outcome="stored"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

interface Round {
  processors: number;
  perSecond: number;
  shares: number[];
  problems: string[];
}

async function drain(pool: Pool, tenant: Tenant, receiver: PluginProcess, processors: number): Promise<Round> {
  const run = Math.random().toString(36).slice(2, 8);
  const deliveries = `"${tenant.schema}".webhook_deliveries`;
  const { rows: [before] } = await pool.query(`select coalesce(max(id), 0)::bigint as id from ${deliveries}`);
  await post(receiver.webhookUrl, tenant, run, 0, total - 1);
  await pool.query(`update ${deliveries} set next_attempt_at = now() + interval '1 hour' where processed_at is null`);
  const started = await Promise.all(Array.from({ length: processors }, () => startPluginProcess(tenant, { INSTANCE_ROLE: 'process' })));
  try {
    const t0 = performance.now();
    await pool.query(`update ${deliveries} set next_attempt_at = now() where processed_at is null`);
    await post(receiver.webhookUrl, tenant, run, total - 1, total);
    for (;;) {
      const { rows } = await pool.query(`select exists (select 1 from ${deliveries} where processed_at is null) as pending`);
      if (!rows[0].pending) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const perSecond = total / ((performance.now() - t0) / 1000);
    const shares = await Promise.all(started.map(storedBy));
    const problems: string[] = [];
    const { rows: [d] } = await pool.query(
      `select count(*) filter (where outcome is distinct from 'processed')::int as not_processed,
              count(*) filter (where attempts <> 1)::int as not_once,
              count(*)::int as deliveries
         from ${deliveries} where id > $1`,
      [before.id],
    );
    const { rows: [m] } = await pool.query(
      `select count(*)::int as messages, count(distinct whatsapp_message_id)::int as distinct_ids
         from "${tenant.schema}".whatsapp_messages where whatsapp_message_id like $1`,
      [`${WAMID_PREFIX}${run}%`],
    );
    if (d.deliveries !== total) problems.push(`${d.deliveries} deliveries stored, not ${total}`);
    if (d.not_processed > 0) problems.push(`${d.not_processed} deliveries not processed`);
    if (d.not_once > 0) problems.push(`${d.not_once} deliveries attempted more than once`);
    if (m.messages !== m.distinct_ids) problems.push(`${m.messages - m.distinct_ids} duplicate messages`);
    if (m.distinct_ids !== total) problems.push(`${total - m.distinct_ids} messages missing`);
    const stored = shares.reduce((a, b) => a + b, 0);
    if (stored !== total) problems.push(`processors report ${stored} messages stored, not ${total}`);
    return { processors, perSecond, shares, problems };
  } finally {
    await Promise.all(started.map((p) => p.stop()));
  }
}

async function main(): Promise<void> {
  buildDist();
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-scale-'));
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), logger: createLogger('silent') });
  const sandbox = await startSandbox({ port: 0, logger: createLogger('silent') });
  const pool = new Pool({ connectionString: database.url, max: 2 });
  const runs: Round[] = [];
  try {
    const tenant = await seedTenant(database.url, 'bench_scale', sandbox.baseUrl, sandbox.sandbox.createAccount());
    const receiver = await startPluginProcess(tenant, { INSTANCE_ROLE: 'receive' });
    try {
      console.log(`node ${process.version}, ${new Date().toISOString()}, ${total.toLocaleString('en-US')} deliveries per drain, ${rounds} round(s), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      console.log(`each instance: node ${startNodeOptions().join(' ')} dist/src/app/main.js (NODE_ENV=production), 1 receive + N process`);
      for (let round = 0; round < rounds; round++) {
        // Taking turns, so a burst of load from elsewhere on a shared machine lands on both alike.
        for (const processors of round % 2 === 0 ? [1, 2] : [2, 1]) {
          const result = await drain(pool, tenant, receiver, processors);
          runs.push(result);
          console.log(`round ${round + 1}, ${processors} processor(s): ${Math.round(result.perSecond)}/s, shares ${result.shares.join(' + ')}${result.problems.length ? `, PROBLEMS: ${result.problems.join('; ')}` : ''}`);
        }
      }
    } finally {
      await receiver.stop();
    }
  } finally {
    await pool.end();
    await sandbox.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const one = median(runs.filter((r) => r.processors === 1).map((r) => r.perSecond));
  const two = median(runs.filter((r) => r.processors === 2).map((r) => r.perSecond));
  console.log(`${'processing instances'.padEnd(24)} ${'drain per s (median)'.padStart(22)}`);
  console.log(`${'1'.padEnd(24)} ${Math.round(one).toLocaleString('en-US').padStart(22)}`);
  console.log(`${'2'.padEnd(24)} ${Math.round(two).toLocaleString('en-US').padStart(22)}`);
  console.log(`ratio 2/1: ${(two / one).toFixed(2)}x`);
  const problems = runs.flatMap((r) => r.problems.map((p) => `${r.processors} processor(s): ${p}`));
  for (const problem of problems) console.error(`FAIL: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
