/**
 * End to end: a signed webhook POST to the moment an agent dashboard, subscribed over graphql-ws, has the
 * message. The plugin runs as its own process in production mode, started like `npm start` (the built
 * dist with its node options), on an embedded PostgreSQL, with one credential, its webhook endpoint and
 * an agent (auto-reply off). A load generator in a worker thread posts signed single-message deliveries
 * open loop: on a fixed schedule that does not wait for answers, each message's latency counted from its
 * scheduled send time, so a stalled server cannot hide its queueing (coordinated omission). Prints
 * p50/p90/p99/max, events missing, achieved POST rate, 2xx count and the plugin's peak RSS (sampled
 * every 100 ms from /proc).
 *
 * Beside it, the same load in the same run against a minimal server (bench/e2e-baseline.server.ts, also
 * its own process): signature check, one INSERT with a pg NOTIFY, forwarded over a WebSocket. It is the
 * floor any durable webhook-to-live-event path pays on this machine, so the ratio travels.
 *
 *   npm run bench:e2e               # 1,000 messages/s for 20 s, after a 5 s ramp
 *   npm run bench:e2e -- 500 10 0   # RATE per second, SECONDS, RAMP seconds (0: start cold at full rate)
 *   npm run bench:e2e -- --cpu-prof --cpu-prof-dir=.data/prof   # extra node options for the plugin
 *
 * The measured load follows a ramp from 0 to RATE over RAMP seconds without a pause, the way traffic
 * reaches a running server: a step from idle to full rate measures JIT compilation and connection set-up
 * (the first second's p99 is several times the rest's, for the baseline too), which the ramp's own row
 * still shows. Its messages are not in the measured figures.
 *
 * Exits non-zero on any missing event, p99 over 250 ms, or a peak RSS over 300 MB.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { Pool as HttpPool } from 'undici';
import WebSocket from 'ws';
import { startEmbeddedDatabase } from '../src/platform/db/embedded-database';
import { createLogger } from '../src/platform/observability/logger';
import { startSandbox } from '../src/adapters/sandbox';
import { WhatsAppMessageReceivedDocument, type WhatsAppMessageReceivedSubscription } from '../test/generated/graphql';
import {
  buildDist,
  cpuSeconds,
  freePort,
  indexOfWamid,
  percentile,
  postgresCpuSeconds,
  ROOT,
  rssMb,
  sampleRss,
  seedTenant,
  signedDelivery,
  startNodeOptions,
  startPluginProcess,
  tenantToken,
  type Tenant,
} from './plugin-process';

const P99_LIMIT_MS = 250;
const RSS_LIMIT_MB = 300;
/** After the last scheduled POST, how long events may still arrive before the rest count as missing. */
const GRACE_MS = 15_000;
const CONNECTIONS = 128;

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
/** Anything starting with `--` goes to the plugin's node, after npm start's own options (e.g. --cpu-prof). */
const extraNodeOptions = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const rate = Number(positional[0] ?? 1_000);
const seconds = Number(positional[1] ?? 20);
const rampSeconds = Number(positional[2] ?? 5);
const total = Math.round(rate * seconds);
/** Messages of the ramp: the area under a line from 0 to `rate` over `rampSeconds`. */
const rampTotal = Math.round((rate * rampSeconds) / 2);

/** Wall-clock milliseconds with sub-millisecond precision, comparable between the worker and the main thread. */
const now = () => performance.timeOrigin + performance.now();

// ---- load generator (worker thread) ----------------------------------------------------------------------

interface LoadSpec {
  url: string;
  tenant: Pick<Tenant, 'appSecret' | 'phoneNumberId' | 'displayPhoneNumber' | 'wabaId'>;
  run: string;
  /** Run id of the ramp's messages, sent first. */
  rampRun: string;
  rate: number;
  total: number;
  rampSeconds: number;
  rampTotal: number;
}

interface LoadResult {
  /** Scheduled send time of measured message i (wall-clock ms). */
  scheduled: Float64Array;
  /** Scheduled send time of ramp message k. */
  rampScheduled: Float64Array;
  ok: number;
  failed: number;
  /** POSTs issued per second between the first and the last send. */
  achievedRate: number;
}

async function generateLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const pool = new HttpPool(url.origin, { connections: CONNECTIONS, pipelining: 1 });
  // Bodies and signatures are made before the clock starts, so the generator spends its time sending.
  const prepared = [
    ...Array.from({ length: spec.rampTotal }, (_, k) => signedDelivery(spec.tenant, spec.rampRun, k)),
    ...Array.from({ length: spec.total }, (_, i) => signedDelivery(spec.tenant, spec.run, i)),
  ];
  const scheduled = new Float64Array(spec.total);
  const rampScheduled = new Float64Array(spec.rampTotal);
  let ok = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / spec.rate;
  const start = now() + 50;
  const measuredStart = start + spec.rampSeconds * 1000;
  let firstSend = 0;
  let lastSend = 0;
  for (let j = 0; j < prepared.length; j++) {
    const i = j - spec.rampTotal;
    // On a linear ramp the k-th message is due when r·t²/(2T) = k, at t = √(2Tk/r).
    const at = i < 0 ? start + Math.sqrt((2 * spec.rampSeconds * j) / spec.rate) * 1000 : measuredStart + i * interval;
    const wait = at - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (i < 0) rampScheduled[j] = at;
    else scheduled[i] = at;
    lastSend = now();
    if (i === 0) firstSend = lastSend;
    const { body, signature } = prepared[j]!;
    const request = pool
      .request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body })
      .then(async (response) => {
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) ok += 1;
        else failed += 1;
      })
      .catch(() => {
        failed += 1;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  await pool.close();
  return { scheduled, rampScheduled, ok, failed, achievedRate: (spec.total - 1) / ((lastSend - firstSend) / 1000) };
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: spec, execArgv: ['-r', '@swc-node/register'] });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

// ---- one measured run --------------------------------------------------------------------------------------

interface Figures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  missing: number;
  ok: number;
  failed: number;
  achievedRate: number;
  idleRssMb: number;
  peakRssMb: number;
  /** CPU of the server process and of PostgreSQL per message, from the first POST to the last event. */
  serverCpuMs: number;
  postgresCpuMs: number;
  /** p99 of the messages scheduled in each second of the run: shows whether a tail is a moment or the whole run. */
  p99BySecond: number[];
  /** The ramp's own p99 and max, not in the figures above. */
  rampP99: number;
  rampMax: number;
}

function latenciesOf(arrivals: Arrivals, scheduled: Float64Array, from = 0, to = scheduled.length): number[] {
  const latencies: number[] = [];
  for (let i = from; i < to; i++) {
    if (!Number.isNaN(arrivals.at[i]!)) latencies.push(arrivals.at[i]! - scheduled[i]!);
  }
  return latencies.sort((a, b) => a - b);
}

/** Messages of `run` seen by a subscriber: index → wall-clock time the event arrived. */
class Arrivals {
  readonly at: Float64Array;
  count = 0;
  private waiter: (() => void) | null = null;

  constructor(
    private readonly run: string,
    size: number,
  ) {
    this.at = new Float64Array(size).fill(NaN);
  }

  record(wamid: string): void {
    const time = now();
    const i = indexOfWamid(this.run, wamid);
    if (i < 0 || i >= this.at.length || !Number.isNaN(this.at[i]!)) return;
    this.at[i] = time;
    this.count += 1;
    if (this.count === this.at.length) this.waiter?.();
  }

  /** Resolves once every message arrived or `ms` passed, whichever is first. */
  all(ms: number): Promise<void> {
    if (this.count === this.at.length) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Warm-up, then the measured load. The warm-up posts one delivery at a time until its event arrives:
 * a subscription registers asynchronously after the socket opens, and the first requests pay for JIT.
 */
async function measure(
  webhookUrl: string,
  tenant: LoadSpec['tenant'],
  pid: number,
  dataDir: string,
  subscribe: (onWamid: (wamid: string) => void) => Promise<() => void>,
): Promise<Figures> {
  const run = Math.random().toString(36).slice(2, 8);
  const warm = new Arrivals(`${run}w`, 200);
  const ramp = new Arrivals(`${run}r`, rampTotal);
  const measured = new Arrivals(run, total);
  const unsubscribe = await subscribe((wamid) => {
    if (wamid.includes(`${run}w`)) warm.record(wamid);
    else if (wamid.includes(`${run}r`)) ramp.record(wamid);
    else measured.record(wamid);
  });
  const warmPool = new HttpPool(new URL(webhookUrl).origin, { connections: 8 });
  for (let i = 0; i < warm.at.length && warm.count === 0; i++) {
    const { body, signature } = signedDelivery(tenant, `${run}w`, i);
    await warmPool.request({ path: new URL(webhookUrl).pathname, method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body }).then((r) => r.body.dump());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await warmPool.close();
  if (warm.count === 0) throw new Error('no event arrived during warm-up: the subscription never delivered');
  const idleRssMb = rssMb(pid);
  const rss = sampleRss(pid);
  const cpu0 = cpuSeconds(pid);
  const pg0 = postgresCpuSeconds(dataDir);
  const load = await runLoad({ url: webhookUrl, tenant, run, rampRun: `${run}r`, rate, total, rampSeconds, rampTotal });
  await measured.all(GRACE_MS);
  const serverCpuMs = ((cpuSeconds(pid) - cpu0) * 1000) / (total + rampTotal);
  const postgresCpuMs = ((postgresCpuSeconds(dataDir) - pg0) * 1000) / (total + rampTotal);
  rss.stop();
  unsubscribe();
  const latencies = latenciesOf(measured, load.scheduled);
  const rampLatencies = latenciesOf(ramp, load.rampScheduled);
  const p99BySecond = Array.from({ length: Math.ceil(seconds) }, (_, second) =>
    percentile(latenciesOf(measured, load.scheduled, second * rate, Math.min(total, (second + 1) * rate)), 99),
  );
  return {
    p99BySecond,
    rampP99: percentile(rampLatencies, 99),
    rampMax: rampLatencies[rampLatencies.length - 1] ?? NaN,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    // A ramp message that never arrived is as lost as a measured one.
    missing: total - measured.count + rampTotal - ramp.count,
    ok: load.ok,
    failed: load.failed,
    achievedRate: load.achievedRate,
    idleRssMb,
    peakRssMb: rss.peak(),
    serverCpuMs,
    postgresCpuMs,
  };
}

// ---- the two targets ---------------------------------------------------------------------------------------

async function measurePlugin(tenant: Tenant, dataDir: string): Promise<Figures> {
  const plugin = await startPluginProcess(tenant, {}, [...startNodeOptions(), ...extraNodeOptions]);
  try {
    const token = await tenantToken(tenant);
    const client = createClient({ url: plugin.subscriptionsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    try {
      return await measure(plugin.webhookUrl, tenant, plugin.pid, dataDir, async (onWamid) =>
        client.subscribe<WhatsAppMessageReceivedSubscription>(
          { query: print(WhatsAppMessageReceivedDocument), variables: { agentId: tenant.agentId } },
          {
            next: (value) => {
              if (value.data) onWamid(value.data.whatsAppMessageReceived.whatsAppMessageId ?? '');
              else console.error('subscription error:', JSON.stringify(value.errors));
            },
            error: (error) => console.error('subscription ended:', error),
            complete: () => undefined,
          },
        ),
      );
    } finally {
      await client.dispose();
    }
  } finally {
    await plugin.stop();
  }
}

async function measureBaseline(databaseUrl: string, tenant: Tenant, dataDir: string): Promise<Figures> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'bench/e2e-baseline.server.ts', databaseUrl, tenant.appSecret], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', () => reject(new Error('the baseline server exited during start-up')));
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString('utf8'));
        if (match) resolve(Number(match[1]));
      });
    });
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      return await measure(`http://127.0.0.1:${port}/hook`, tenant, child.pid!, dataDir, async (onWamid) => {
        const listener = (data: WebSocket.RawData) => onWamid(data.toString());
        socket.on('message', listener);
        return () => socket.off('message', listener);
      });
    } finally {
      socket.close();
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

function row(name: string, f: Figures): string {
  const ms = (v: number) => v.toFixed(1).padStart(8);
  return `${name.padEnd(30)} ${ms(f.p50)} ${ms(f.p90)} ${ms(f.p99)} ${ms(f.max)} ${String(f.missing).padStart(8)} ${f.achievedRate.toFixed(0).padStart(9)} ${`${f.ok}/${f.ok + f.failed}`.padStart(13)} ${f.idleRssMb.toFixed(0).padStart(9)} ${f.peakRssMb.toFixed(0).padStart(9)} ${f.serverCpuMs.toFixed(2).padStart(11)} ${f.postgresCpuMs.toFixed(2).padStart(9)}`;
}

async function main(): Promise<void> {
  buildDist();
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-e2e-'));
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), logger: createLogger('silent') });
  const sandbox = await startSandbox({ port: 0, logger: createLogger('silent') });
  try {
    const tenant = await seedTenant(database.url, 'bench_e2e', sandbox.baseUrl, sandbox.sandbox.createAccount());
    const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`node ${process.version}, ${new Date().toISOString()}, open loop ${rate.toLocaleString('en-US')} signed single-message deliveries/s for ${seconds} s (${total.toLocaleString('en-US')}) after a ${rampSeconds} s ramp, load average ${load()}`);
    console.log(`plugin: node ${[...startNodeOptions(), ...extraNodeOptions].join(' ')} dist/src/app/main.js (NODE_ENV=production, INSTANCE_ROLE=both)`);
    const baseline = await measureBaseline(database.url, tenant, dataDir);
    const plugin = await measurePlugin(tenant, dataDir);
    console.log(`load average after: ${load()}`);
    console.log(`${'POST → event (ms)'.padEnd(30)} ${'p50'.padStart(8)} ${'p90'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'missing'.padStart(8)} ${'POSTs/s'.padStart(9)} ${'2xx'.padStart(13)} ${'idle MB'.padStart(9)} ${'peak MB'.padStart(9)} ${'cpu ms/msg'.padStart(11)} ${'pg ms/msg'.padStart(9)}`);
    console.log(row('plugin (graphql-ws)', plugin));
    console.log(row('baseline (INSERT+NOTIFY, ws)', baseline));
    for (const [name, f] of [['plugin', plugin], ['baseline', baseline]] as const) {
      console.log(`${name}: ramp (${rampSeconds} s, ${rampTotal.toLocaleString('en-US')} messages, not in the row above) p99 ${f.rampP99.toFixed(1)} ms, max ${f.rampMax.toFixed(1)} ms; p99 by second (ms): ${f.p99BySecond.map((v) => v.toFixed(0)).join(' ')}`);
    }
    console.log(`ratio plugin/baseline: p50 ${(plugin.p50 / baseline.p50).toFixed(1)}x, p99 ${(plugin.p99 / baseline.p99).toFixed(1)}x`);
    const failures: string[] = [];
    if (plugin.missing > 0) failures.push(`${plugin.missing} event(s) missing ${GRACE_MS / 1000} s after the last POST`);
    if (!(plugin.p99 <= P99_LIMIT_MS)) failures.push(`p99 ${plugin.p99.toFixed(1)} ms is over ${P99_LIMIT_MS} ms`);
    if (!(plugin.peakRssMb > 0 && plugin.peakRssMb <= RSS_LIMIT_MB)) failures.push(`peak RSS ${plugin.peakRssMb.toFixed(0)} MB is over ${RSS_LIMIT_MB} MB`);
    for (const failure of failures) console.error(`FAIL: ${failure}`);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await sandbox.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  void generateLoad(workerData as LoadSpec).then((result) => parentPort!.postMessage(result));
}
