/**
 * Send throughput for one phone number through the whole path — the sendWhatsAppMessage mutation over
 * HTTP (bearer token, GraphQL), the checks (owner, credential status, 24-hour window, idempotency key),
 * the decrypted token, the WhatsApp simulator's Graph API, and the message stored PENDING then SENT —
 * beside raw undici calls to the same simulator in the same run.
 *
 *   npm run bench:send
 *
 * The plugin runs on the main thread with an embedded PostgreSQL (fsync on, as in production) and the
 * embedded keyring. The simulator and the load generator run on a worker thread (send-load.worker.ts):
 * in production neither Meta nor the callers share the plugin's CPU. Each case is bounded by MESSAGES
 * sends or SECONDS_PER_CASE seconds, whichever comes first. Beside the plugin thread's own CPU per message it
 * reports PostgreSQL's (the embedded server's processes, from /proc), the other half of the send's cost.
 *
 * Gates (exit 1 when missed): at every concurrency, the full path's msg/s is at least MIN_RATIO × the raw
 * undici baseline's in the same run; no mutation fails; every mutation answered SENT is stored as SENT.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as AgentsModule from '../src/agents';
import type * as AppModule from '../src/app/app';
import type * as ConfigModule from '../src/config';
import type * as CredentialsModule from '../src/credentials';
import type * as EmbeddedDatabaseModule from '../src/platform/db/embedded-database';
import type * as IdentityModule from '../src/platform/identity';
import type * as MessagingModule from '../src/messaging';
import type * as LoggerModule from '../src/platform/observability/logger';
import type { SandboxAccount } from '../src/adapters/sandbox';
import type * as CredentialFixturesModule from '../test/support/credential-fixtures';
import type { TestApp } from '../test/support/start-test-app';
import type { LoadRequest, LoadResult } from './send-load.worker';

const MESSAGES = 30_000;
const SECONDS_PER_CASE = 10;
const WARM_UP = 2_000;
const CUSTOMERS = 2_000;
// `npm run bench:send -- 16,64` runs only those cases.
const CONCURRENCY = process.argv[2] ? process.argv[2].split(',').map(Number) : [16, 64, 256];
const JWT_SECRET = randomBytes(32).toString('base64url');
/**
 * Full path ≥ this × raw undici to the same simulator, per concurrency. The full path waits for two WAL
 * flushes per send and the raw calls for none, so the ratio is small; see docs/benchmarks.md for the runs
 * it was chosen from.
 */
const MIN_RATIO = 0.04;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * CPU time (ms) used so far by the embedded PostgreSQL (the postmaster and its children, from /proc), or
 * null where /proc is not readable. A backend that exited meanwhile takes its time with it.
 */
function postgresCpuMs(dataDir: string): number | null {
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const ticksPerSecond = 100; // USER_HZ on Linux
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let fields: string[];
      try {
        fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      } catch {
        continue; // exited meanwhile
      }
      if (Number(pid) === postmaster || Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return (ticks * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** The worker thread, driven by request/response messages. */
function startLoadWorker() {
  const worker = new Worker(`require('@swc-node/register'); require(${JSON.stringify(join(__dirname, 'send-load.worker.ts'))});`, { eval: true });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const call = pending.get(id)!;
    pending.delete(id);
    if (error) call.reject(new Error(error));
    else call.resolve(result);
  });
  return {
    call<T>(request: LoadRequest): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, request });
      });
    },
    terminate: () => worker.terminate(),
  };
}

async function main(): Promise<void> {
  const { AgentWhatsAppConfig } = require('../src/agents') as typeof AgentsModule;
  const { startApp } = require('../src/app/app') as typeof AppModule;
  const { loadConfig } = require('../src/config') as typeof ConfigModule;
  const { WhatsAppCredential } = require('../src/credentials') as typeof CredentialsModule;
  const { seedCredential } = require('../test/support/credential-fixtures') as typeof CredentialFixturesModule;
  const { startEmbeddedDatabase } = require('../src/platform/db/embedded-database') as typeof EmbeddedDatabaseModule;
  const { signDevelopmentToken } = require('../src/platform/identity') as typeof IdentityModule;
  const { Conversation, Message, MessageStatus } = require('../src/messaging') as typeof MessagingModule;
  const { createLogger } = require('../src/platform/observability/logger') as typeof LoggerModule;

  const logger = createLogger('silent');
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => `+4477${String(10_000_000 + i)}`);
  const load = startLoadWorker();
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-send-'));
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), logger });
  const { baseUrl, account } = await load.call<{ baseUrl: string; account: SandboxAccount }>({ type: 'start', customers });
  const app = await startApp(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      AUTH_JWT_SECRET: JWT_SECRET,
      KEYRING_MASTER_KEY: randomBytes(32).toString('base64'),
      SANDBOX: 'false',
      WHATSAPP_GRAPH_BASE_URL: baseUrl,
      // The number is on Meta's highest tier; one caller sends everything, so the per-user mutation limit
      // is lifted (the limiter still runs on every send, as in production).
      OUTBOUND_THROUGHPUT_PER_SECOND: '1000',
      RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: '1000000',
      RATE_LIMIT_CREDENTIAL_PER_SECOND: '100000',
    }),
    { logger },
  );
  try {
    // One tenant: a credential, its agent, and CUSTOMERS customers who wrote within the last hour (so the
    // 24-hour window is open; the pair rate limit of one message per 6 s per customer is respected).
    const userId = randomUUID();
    const agentId = randomUUID();
    const { credential } = await seedCredential(app as TestApp, userId, account);
    const em = app.orm.em.fork();
    em.create(AgentWhatsAppConfig, { agentId, userId, credential: em.getReference(WhatsAppCredential, credential.id), phoneNumberId: account.phoneNumberId, autoReply: false });
    for (const phone of customers) {
      em.create(Conversation, { userId, phoneNumberId: account.phoneNumberId, customerWaId: phone.slice(1), agentId, lastInboundAt: new Date() });
    }
    await em.flush();
    const authorization = `Bearer ${await signDevelopmentToken(JWT_SECRET, { sub: userId })}`;
    const mutation = (concurrency: number, messages: number, keyPrefix: string): LoadRequest => ({
      type: 'mutation',
      concurrency,
      messages,
      seconds: SECONDS_PER_CASE,
      appUrl: app.url,
      authorization,
      agentId,
      keyPrefix,
    });

    // Warm-up: sockets, pools, JIT, the decrypted-token cache, Apollo's parsed-document cache.
    const warm = await load.call<LoadResult>(mutation(16, WARM_UP, 'warm'));
    // A send path that refuses everything (a renamed input type, say) would otherwise measure nothing for a minute.
    if (warm.sent === 0) throw new Error(`every warm-up mutation failed, the first with: ${warm.firstFailure}`);
    await load.call<LoadResult>({ type: 'raw', concurrency: 16, messages: WARM_UP, seconds: SECONDS_PER_CASE });

    const results: Array<LoadResult & { name: string; concurrency: number; cpuMs: number | null; postgresMs: number | null }> = [];
    const loadBefore = loadavg()[0]!;
    for (const concurrency of CONCURRENCY) {
      const raw = await load.call<LoadResult>({ type: 'raw', concurrency, messages: MESSAGES, seconds: SECONDS_PER_CASE });
      results.push({ name: 'raw undici → simulator (baseline)', concurrency, cpuMs: null, postgresMs: null, ...raw });
      // CPU of the plugin's own thread only: on a shared machine, wall-clock rates move with the neighbours' load.
      const before = process.threadCpuUsage();
      const postgresBefore = postgresCpuMs(dataDir);
      const full = await load.call<LoadResult>(mutation(concurrency, MESSAGES, `c${concurrency}`));
      const used = process.threadCpuUsage(before);
      const postgresAfter = postgresCpuMs(dataDir);
      const sent = Math.max(1, full.sent);
      results.push({
        name: 'sendWhatsAppMessage, full path',
        concurrency,
        cpuMs: (used.user + used.system) / 1000 / sent,
        postgresMs: postgresBefore === null || postgresAfter === null ? null : (postgresAfter - postgresBefore) / sent,
        ...full,
      });
    }
    const stored = await app.orm.em.fork().count(Message, { agentId, status: MessageStatus.SENT });
    const answered = warm.sent + results.filter((r) => r.name.startsWith('send')).reduce((sum, r) => sum + r.sent, 0);

    const rows = results.map((r) => [
      r.name,
      String(r.concurrency),
      r.sent.toLocaleString('en-US'),
      String(r.failed),
      Math.round(r.perSecond).toLocaleString('en-US'),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      r.cpuMs === null ? '—' : r.cpuMs.toFixed(3),
      r.postgresMs === null ? '—' : r.postgresMs.toFixed(3),
    ]);
    const header = ['case (one phone number, text messages)', 'concurrency', 'sent', 'failed', 'msg/s', 'p50 ms', 'p99 ms', 'plugin CPU ms/msg', 'PostgreSQL CPU ms/msg'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i >= 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
    console.log(`node ${process.version}, ${new Date().toISOString()}, load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`);
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows) console.log(line(row));
    console.log(`stored as SENT: ${stored.toLocaleString('en-US')}; mutations answered SENT: ${answered.toLocaleString('en-US')}`);

    const problems: string[] = [];
    for (const concurrency of CONCURRENCY) {
      const raw = results.find((r) => r.concurrency === concurrency && r.cpuMs === null)!;
      const full = results.find((r) => r.concurrency === concurrency && r.cpuMs !== null)!;
      const ratio = full.perSecond / raw.perSecond;
      console.log(`${ratio >= MIN_RATIO ? 'ok  ' : 'MISS'} full path / raw undici at ${concurrency}: ${ratio.toFixed(3)}× (bound ≥ ${MIN_RATIO}×)`);
      if (!(ratio >= MIN_RATIO)) problems.push(`full path / raw undici at ${concurrency} is ${ratio.toFixed(3)}×, below ${MIN_RATIO}×`);
      if (full.failed > 0) problems.push(`${full.failed} mutations failed at ${concurrency}, the first with: ${full.firstFailure}`);
      if (raw.failed > 0) problems.push(`${raw.failed} raw calls failed at ${concurrency}, the first with: ${raw.firstFailure}`);
    }
    if (stored !== answered) problems.push(`${answered} mutations answered SENT but ${stored} messages are stored as SENT`);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`gate missed: ${problem}`);
      process.exitCode = 1;
    }
  } finally {
    await load.call({ type: 'stop' }).catch(() => undefined);
    await load.terminate();
    await app.stop();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
