/**
 * The fault suite at scale: N signed deliveries per phase (default 10,000; 10% re-sent, shuffled, with
 * out-of-order statuses and bad inputs), offered as Meta does (anything but 200 is delivered again),
 * while in turn PostgreSQL restarts, a processing instance is killed with SIGKILL, and the key store is
 * down. After each phase the database is checked: nothing lost or stored twice, every status final,
 * every bad input where it belongs, and no answer but 200, the documented 503s, or none at all where
 * the fault cut the connection. Prints a table and exits 1 on any violation.
 *
 *   npm run faults              # 10,000 deliveries per phase, every phase
 *   npm run faults -- 2000      # N deliveries per phase
 *   npm run faults -- 2000 kill # only the phases named (postgres, kill, keys)
 *
 * Not part of `npm test`: at this size it takes minutes. See docs/testing.md, "Fault suite at scale".
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDeferred } from '../test/support/deferred';
import { eventually, within } from '../test/support/eventually';
import { disposeAll } from '../test/support/leftovers';
import { startPluginProcess, type PluginProcess } from '../test/support/plugin-process';
import { startPrivatePostgres, type PrivatePostgres } from '../test/support/private-postgres';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../test/support/start-test-app';
import { startVaultTransitServer } from '../test/support/vault-transit-server';
import { addTenant, offer, startSandboxForTest, type Tenant } from '../test/webhooks/webhook-kit';
import type { RunningSandbox } from '../src/adapters/sandbox';
import { verifyPhase, type Verdict } from './fault-suite/verify';
import { buildWorkload, type Delivery, type Workload } from './fault-suite/workload';

const PHASES = ['postgres', 'kill', 'keys'] as const;
type PhaseName = (typeof PHASES)[number];

const total = Number(process.argv[2] ?? 10_000);
const chosen = process.argv.slice(3).length > 0 ? (process.argv.slice(3) as PhaseName[]) : [...PHASES];
const CONCURRENCY = 16;
// Meta keeps retrying for hours; a delivery refused for this long means the plugin never recovered.
const GIVE_UP_MS = 180_000;
const DRAIN_MS = 600_000;
const UNSEAL_AFTER_503S = 100;
// Kept low (5% of a phase, at most 500) so the key-store phase reaches it during its outage and the
// 503 path is exercised.
const UNVERIFIED_QUOTA = Math.max(10, Math.min(500, Math.round(total * 0.05)));

/** Every answer of one phase, and which were allowed. */
interface Answers {
  byStatus: Map<number, number>;
  firstTry: number;
  accepted: number;
  refusedAsExpected: number;
  /** Answers outside 200, the documented 503, a 400 for a body that is not JSON, or (during a restart) none. */
  unexpected: Map<number, number>;
  givenUp: number;
}

interface PhaseResult {
  name: string;
  seconds: number;
  workload: Workload;
  answers: Answers;
  verdict: Verdict;
  notes: string;
}

function count(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Meta's side: offers every post, `CONCURRENCY` at a time, and delivers again whatever was not settled
 * (backing off to 1 s; Meta's own schedule is slower). `onAnswer` lets a phase time its fault.
 */
async function deliverAll(url: string, posts: Delivery[], allowNoAnswer: boolean, onAnswer: (status: number, answers: Answers) => void = () => {}): Promise<Answers> {
  const answers: Answers = { byStatus: new Map(), firstTry: 0, accepted: 0, refusedAsExpected: 0, unexpected: new Map(), givenUp: 0 };
  let next = 0;
  const one = async (post: Delivery) => {
    const deadline = Date.now() + GIVE_UP_MS;
    for (let attempt = 0; ; attempt++) {
      const status = await offer(url, post);
      count(answers.byStatus, status);
      onAnswer(status, answers);
      const settled = status === 200 || status === post.refusedWith;
      if (settled && attempt === 0) answers.firstTry += 1;
      if (status === 200) return void (answers.accepted += 1);
      if (status === post.refusedWith) return void (answers.refusedAsExpected += 1);
      if (status !== 503 && !(status === 0 && allowNoAnswer)) count(answers.unexpected, status);
      if (status >= 400 && status < 500) return; // a refusal Meta would keep getting: counted, not retried
      if (Date.now() > deadline) return void (answers.givenUp += 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
    }
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < posts.length) await one(posts[next++]!);
    }),
  );
  return answers;
}

async function createDatabase(postgres: PrivatePostgres, name: string): Promise<string> {
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(databaseUrl: string, use: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return await use(db);
  } finally {
    await db.end();
  }
}

/** The outbound messages the statuses are about, as the send path would have stored them. */
async function seedOutbound(databaseUrl: string, tenant: Tenant, workload: Workload): Promise<void> {
  await withClient(databaseUrl, (db) =>
    db.query(
      `insert into whatsapp_connect.whatsapp_messages
         (id, user_id, credential_id, conversation_id, whatsapp_message_id, from_phone, to_phone, direction, message_type, content, status, timestamp, created_at)
       select gen_random_uuid(), $1, $2, gen_random_uuid(), w, $3, c, 'outbound', 'text', '{"text":{"body":"Seu pedido saiu."}}', 'pending', now(), now()
         from unnest($4::text[], $5::text[]) as x(w, c)`,
      [tenant.userId, tenant.credentialId, tenant.account.displayPhoneNumber, workload.outbound.map((m) => m.wamid), workload.outbound.map((m) => m.customer)],
    ),
  );
}

async function inbox(databaseUrl: string, endpointId: string): Promise<{ stored: number; processed: number }> {
  return withClient(databaseUrl, async (db) =>
    (await db.query<{ stored: number; processed: number }>(
      'select count(*)::int as stored, count(processed_at)::int as processed from whatsapp_connect.webhook_deliveries where endpoint_id = $1',
      [endpointId],
    )).rows[0]!,
  );
}

/**
 * Pending deliveries locked by a processing instance's open batch: the pending rows this statement
 * cannot lock itself (its locks go at once, with the statement).
 */
async function claimedRows(databaseUrl: string, endpointId: string): Promise<number> {
  return withClient(databaseUrl, async (db) =>
    (await db.query<{ n: number }>(
      `with free as (select id from whatsapp_connect.webhook_deliveries where endpoint_id = $1 and processed_at is null for update skip locked)
       select ((select count(*) from whatsapp_connect.webhook_deliveries where endpoint_id = $1 and processed_at is null) - (select count(*) from free))::int as n`,
      [endpointId],
    )).rows[0]!.n,
  );
}

async function drained(databaseUrl: string, endpointId: string): Promise<void> {
  await eventually(() => inbox(databaseUrl, endpointId), (c) => c.processed === c.stored, DRAIN_MS, 'the inbox to drain');
}

/** Stops an in-process app, bounded: a stop that hangs after a fault is itself a finding, not a stuck run. */
async function stopApp(app: TestApp): Promise<string> {
  return Promise.race([app.stop().then(() => 'stopped'), new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref())]);
}

/** (a) PostgreSQL stopped under load once 30% of the posts are accepted, started again after 50 refusals. */
async function postgresPhase(sandbox: RunningSandbox, postgres: PrivatePostgres): Promise<PhaseResult> {
  const databaseUrl = await createDatabase(postgres, 'fault_postgres');
  const app = await startTestApp({ WHATSAPP_GRAPH_BASE_URL: sandbox.baseUrl, RATE_LIMIT_WEBHOOK_PER_SECOND: '100000' }, { databaseUrl });
  const tenant = await addTenant(app, sandbox);
  const workload = buildWorkload(tenant.account, 'pg', total);
  await seedOutbound(databaseUrl, tenant, workload);

  const t0 = performance.now();
  let phase = 'before' as 'before' | 'stopping' | 'down' | 'after';
  let refusedWhileDown = 0;
  const restarted = createDeferred<{ downMs: number }>();
  const restart = async () => {
    const stoppedAt = performance.now();
    await postgres.stop('fast');
    phase = 'down';
    await eventually(async () => refusedWhileDown, (n) => n >= 50, 30_000, '50 deliveries refused while PostgreSQL is down');
    await postgres.start();
    phase = 'after';
    restarted.resolve({ downMs: performance.now() - stoppedAt });
  };
  const answers = await deliverAll(tenant.endpoint.webhookUrl, workload.posts, true, (status, so) => {
    if (phase === 'before' && so.accepted >= workload.posts.length * 0.3) {
      phase = 'stopping';
      restart().catch(restarted.reject);
    }
    if (phase === 'down' && status !== 200) refusedWhileDown += 1;
  });
  const { downMs } = await within(restarted.promise, 60_000, 'the restart');
  await drained(databaseUrl, tenant.endpoint.id);
  const seconds = (performance.now() - t0) / 1000;
  const verdict = await withClient(databaseUrl, (db) => verifyPhase(db, workload, { credentialId: tenant.credentialId, endpointId: tenant.endpoint.id }));
  const stop = await stopApp(app);
  if (stop !== 'stopped') verdict.violations.push('the app did not stop within 15 s after the restart');
  return { name: 'PostgreSQL restart', seconds, workload, answers, verdict, notes: `down ${(downMs / 1000).toFixed(1)} s, ${refusedWhileDown} refusals while down; app ${stop}` };
}

/**
 * (b) A receive-only instance in this process, processing in child processes (INSTANCE_ROLE=process):
 * the first starts once 40% of the deliveries are stored and is killed with SIGKILL once it has processed
 * 20% with a backlog left; a second takes over.
 */
async function killPhase(sandbox: RunningSandbox, postgres: PrivatePostgres): Promise<PhaseResult> {
  const databaseUrl = await createDatabase(postgres, 'fault_kill');
  const env = {
    DATABASE_URL: databaseUrl,
    KEYRING_MASTER_KEY: randomBytes(32).toString('base64'),
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SANDBOX: 'false',
    WHATSAPP_GRAPH_BASE_URL: sandbox.baseUrl,
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
    RATE_LIMIT_WEBHOOK_PER_SECOND: '100000',
  };
  const receiver = await startTestApp({ ...env, INSTANCE_ROLE: 'receive' }, { databaseUrl });
  const tenant = await addTenant(receiver, sandbox);
  const workload = buildWorkload(tenant.account, 'kill', total);
  await seedOutbound(databaseUrl, tenant, workload);

  const t0 = performance.now();
  let sending = true;
  const conduct = async () => {
    await eventually(() => inbox(databaseUrl, tenant.endpoint.id), (c) => c.stored >= workload.distinct * 0.4 || !sending, DRAIN_MS, '40% of the deliveries to be stored');
    const first = await startPluginProcess({ ...env, INSTANCE_ROLE: 'process' });
    await eventually(
      () => inbox(databaseUrl, tenant.endpoint.id),
      (c) => c.processed >= workload.distinct * 0.2,
      DRAIN_MS,
      'the first processing instance to process 20%',
    );
    // Mid-batch: the kill waits (briefly) for a moment when a claimed batch is still uncommitted.
    const claimed = await eventually(() => claimedRows(databaseUrl, tenant.endpoint.id), (n) => n > 0, 10_000, 'a claimed batch').catch(() => 0);
    await first.kill();
    const atKill = { ...(await inbox(databaseUrl, tenant.endpoint.id)), claimed };
    const second = await startPluginProcess({ ...env, INSTANCE_ROLE: 'process' });
    return { atKill, second };
  };
  const conducted = conduct();
  const answers = await deliverAll(tenant.endpoint.webhookUrl, workload.posts, false);
  sending = false;
  const { atKill, second } = await conducted;
  await drained(databaseUrl, tenant.endpoint.id);
  const seconds = (performance.now() - t0) / 1000;
  const verdict = await withClient(databaseUrl, (db) => verifyPhase(db, workload, { credentialId: tenant.credentialId, endpointId: tenant.endpoint.id }));
  await stopChild(second);
  await stopApp(receiver);
  return {
    name: 'SIGKILL of a processing instance',
    seconds,
    workload,
    answers,
    verdict,
    notes: `killed with ${atKill.stored} stored, ${atKill.processed} processed, ${atKill.claimed} claimed by an uncommitted batch; the second instance processed the rest`,
  };
}

async function stopChild(child: PluginProcess): Promise<void> {
  child.signal('SIGTERM');
  await within(child.exited, 30_000, 'the processing instance to stop').catch(() => child.kill());
}

/**
 * (c) The key store (a Vault transit server) sealed once 30% of the posts are accepted: deliveries are
 * stored unverified up to the endpoint's quota, then answered 503; unsealed after 100 of those 503s
 * (Meta's retries of the same deliveries included).
 */
async function keysPhase(sandbox: RunningSandbox, postgres: PrivatePostgres): Promise<PhaseResult> {
  const databaseUrl = await createDatabase(postgres, 'fault_keys');
  const token = `hvs.faults-${randomUUID()}`;
  const vault = await startVaultTransitServer({ token, disableUpsert: true });
  const app = await startTestApp(
    {
      WHATSAPP_GRAPH_BASE_URL: sandbox.baseUrl,
      RATE_LIMIT_WEBHOOK_PER_SECOND: '100000',
      VAULT_ADDR: vault.address,
      VAULT_TOKEN: token,
      // Short, so the receiver notices the outage within the phase rather than verifying from memory.
      SECRET_CACHE_TTL_MS: '1000',
      WEBHOOK_UNVERIFIED_QUOTA: String(UNVERIFIED_QUOTA),
    },
    { databaseUrl },
  );
  const tenant = await addTenant(app, sandbox);
  const workload = buildWorkload(tenant.account, 'keys', total);
  await seedOutbound(databaseUrl, tenant, workload);

  const t0 = performance.now();
  let phase = 'before' as 'before' | 'sealed' | 'after';
  let refusedWhileSealed = 0;
  let sealedAt = 0;
  let sealedMs = 0;
  const answers = await deliverAll(tenant.endpoint.webhookUrl, workload.posts, false, (status, so) => {
    if (phase === 'before' && so.accepted >= workload.posts.length * 0.3) {
      phase = 'sealed';
      sealedAt = performance.now();
      vault.seal();
    }
    if (phase === 'sealed' && status === 503 && ++refusedWhileSealed >= UNSEAL_AFTER_503S) {
      phase = 'after';
      sealedMs = performance.now() - sealedAt;
      vault.unseal();
    }
  });
  if (phase === 'sealed') vault.unseal();
  const unverified = await withClient(databaseUrl, async (db) =>
    (await db.query<{ n: number }>('select count(*)::int as n from whatsapp_connect.webhook_deliveries where signature_header is not null', [])).rows[0]!.n,
  );
  await drained(databaseUrl, tenant.endpoint.id);
  const seconds = (performance.now() - t0) / 1000;
  const verdict = await withClient(databaseUrl, (db) => verifyPhase(db, workload, { credentialId: tenant.credentialId, endpointId: tenant.endpoint.id }));
  if (refusedWhileSealed < UNSEAL_AFTER_503S) verdict.violations.push(`only ${refusedWhileSealed} answers 503 while sealed: the quota was never reached`);
  await stopApp(app);
  return {
    name: 'key store unavailable',
    seconds,
    workload,
    answers,
    verdict,
    notes: `sealed ${(sealedMs / 1000).toFixed(1)} s; ${unverified} stored unverified (quota ${UNVERIFIED_QUOTA}), then ${refusedWhileSealed} answered 503; all verified and applied once unsealed`,
  };
}

function table(results: PhaseResult[]): string {
  const header = ['phase', 'posts', 'distinct', 'settled 1st try', 'answers 503', 'no answer', 'unexpected', 'messages', 'stored', 'lost', 'dup', 'statuses', 'not final', 'dead letters', 'unaccounted', 's'];
  const rows = results.map((r) => [
    r.name,
    r.workload.posts.length,
    r.workload.distinct,
    r.answers.firstTry,
    r.answers.byStatus.get(503) ?? 0,
    r.answers.byStatus.get(0) ?? 0,
    [...r.answers.unexpected.values()].reduce((a, b) => a + b, 0),
    r.verdict.expectedMessages,
    r.verdict.stored,
    r.verdict.lost,
    r.verdict.duplicated,
    r.verdict.statusRows,
    r.verdict.notMonotonic,
    r.verdict.deadLetters,
    r.verdict.unaccounted,
    r.seconds.toFixed(1),
  ].map(String));
  const lines = [header, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  lines.splice(1, 0, `|${header.map(() => '---').join('|')}|`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  for (const name of chosen) if (!PHASES.includes(name)) throw new Error(`unknown phase ${name}: choose among ${PHASES.join(', ')}`);
  console.log(`node ${process.version}, ${new Date().toISOString()}, ${total.toLocaleString('en-US')} distinct deliveries per phase (+10% re-sent), phases: ${chosen.join(', ')}`);
  const postgres = await startPrivatePostgres();
  const sandbox = await startSandboxForTest();
  const run: Record<PhaseName, () => Promise<PhaseResult>> = {
    postgres: () => postgresPhase(sandbox, postgres),
    kill: () => killPhase(sandbox, postgres),
    keys: () => keysPhase(sandbox, postgres),
  };
  const results: PhaseResult[] = [];
  for (const name of chosen) {
    const result = await run[name]();
    results.push(result);
    const unexpected = [...result.answers.unexpected].map(([status, n]) => `${n} × ${status || 'no answer'}`).join(', ');
    if (unexpected) result.verdict.violations.push(`unexpected answers: ${unexpected}`);
    if (result.answers.givenUp > 0) result.verdict.violations.push(`${result.answers.givenUp} deliveries never accepted within ${GIVE_UP_MS / 1000} s`);
    console.log(`${result.name}: ${result.seconds.toFixed(1)} s; ${result.notes}; ${result.verdict.violations.length === 0 ? 'OK' : `VIOLATIONS: ${result.verdict.violations.join('; ')}`}`);
  }
  console.log(table(results));
  const violations = results.flatMap((r) => r.verdict.violations.map((v) => `${r.name}: ${v}`));
  if (violations.length > 0) {
    console.error(`FAIL:\n  ${violations.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await disposeAll();
    process.exit(process.exitCode ?? 0);
  });
