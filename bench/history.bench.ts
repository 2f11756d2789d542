/**
 * Message history at depth: one page of 20 messages 100,000 messages below the newest, in a conversation
 * of 120,000 (and 100,000 more messages of other agents in the table), on an embedded PostgreSQL.
 *
 *   npm run bench:history
 *
 * Measured in the same run, taking turns round after round:
 *   - the history function (`messageHistory`: the statement, the ORM hydrating 21 entities, the page);
 *   - baseline: the same page as one hand-written, index-backed SQL statement on a bare `pg` pool;
 *   - the GraphQL path (`agentWhatsApp { messages(after:) }` over HTTP), at depth and on the newest page;
 *   - for reference, the cursor as it was written before, `ts < x or (ts = x and id < y)`, on the same pool.
 *
 * Only ratios travel between machines, so the bounds are ratios: the function's median must stay within
 * MAX_RATIO of the baseline's, and a page at depth through GraphQL within MAX_DEPTH_RATIO of the newest
 * page through GraphQL (depth must cost nothing). Misses exit with status 1.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { request } from 'undici';
import { AgentWhatsAppConfig } from '../src/agents/agent-whatsapp-config.entity';
import { startApp } from '../src/app/app';
import { loadConfig } from '../src/config';
import { startEmbeddedDatabase } from '../src/platform/db/embedded-database';
import { encodeCursor } from '../src/platform/graphql/pagination';
import { signDevelopmentToken } from '../src/platform/identity/development-token';
import { messageHistory } from '../src/messaging';
import { createLogger } from '../src/platform/observability/logger';

const THREAD = 120_000;
const OTHERS = 100_000;
const DEPTH = 100_000;
const PAGE = 20;
const ROUNDS = 5;
const PER_ROUND = 100;
const MAX_RATIO = 3;
const MAX_DEPTH_RATIO = 1.5;
const SCHEMA = 'bench_history';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(samples: number[], run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < PER_ROUND; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-history-'));
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), logger: createLogger('silent') });
  const secret = randomBytes(32).toString('hex');
  const app = await startApp(loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    DATABASE_SCHEMA: SCHEMA,
    AUTH_JWT_SECRET: secret,
    KEYRING_MASTER_KEY: randomBytes(32).toString('base64'),
    SANDBOX: 'false',
    WHATSAPP_GRAPH_BASE_URL: 'http://127.0.0.1:9',
    INSTANCE_ROLE: 'receive',
  }));
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    const userId = randomUUID();
    const agentId = randomUUID();
    const credentialId = randomUUID();
    const conversationId = randomUUID();
    await app.services.keys.ensureUserKey(userId);
    const t = (table: string) => `"${SCHEMA}".${table}`;
    const seedStart = performance.now();
    await pool.query(`insert into ${t('whatsapp_credentials')} (id, user_id, business_account_id, phone_number_id, phone_number, display_name,
        access_token_ciphertext, app_secret_ciphertext, verify_token_ciphertext, access_token_hint, token_scopes, created_at, updated_at)
      values ($1, $2, 'waba', '106540352242922', '+1 555 0100', 'Bench Shop', '', '', '', '', '{}', now(), now())`, [credentialId, userId]);
    await pool.query(`insert into ${t('whatsapp_conversations')} (id, user_id, phone_number_id, agent_id, customer_wa_id, created_at)
      values ($1, $2, '106540352242922', $3, '5511987654321', now())`, [conversationId, userId, agentId]);
    await pool.query(`insert into ${t('whatsapp_messages')} (id, user_id, credential_id, agent_id, conversation_id, whatsapp_message_id,
        from_phone, to_phone, direction, message_type, content, status, "timestamp", created_at)
      select gen_random_uuid(), $1, $2, case when g <= ${THREAD} then $3 else gen_random_uuid() end,
        case when g <= ${THREAD} then $4 else gen_random_uuid() end, 'wamid.' || g, '5511987654321', '15550783881',
        'inbound', 'text', jsonb_build_object('body', 'Olá, meu pedido já saiu? (' || g || ')'), 'received',
        timestamptz '2026-01-01' + (g % ${THREAD}) * interval '1 second', now()
      from generate_series(1, ${THREAD + OTHERS}) g`, [userId, credentialId, agentId, conversationId]);
    await pool.query(`vacuum analyze ${t('whatsapp_messages')}`);
    await pool.query(`analyze ${t('whatsapp_conversations')}`);
    const em = app.orm.em.fork();
    em.persist(em.create(AgentWhatsAppConfig, { agentId, userId }));
    await em.flush();
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const { rows: [deep] } = await pool.query<{ ms: string; id: string }>(
      `select extract(epoch from "timestamp") * 1000 as ms, id from ${t('whatsapp_messages')} where agent_id = $1
       order by "timestamp" desc, id desc offset ${DEPTH} limit 1`, [agentId]);
    const at = new Date(Number(deep!.ms));
    const after = encodeCursor([at.toISOString(), deep!.id]);
    const authorization = `Bearer ${await signDevelopmentToken(secret, { sub: userId, roles: [] })}`;
    const query = `query ($agentId: ID!, $after: String) { agentWhatsApp(agentId: $agentId) {
      messages(first: ${PAGE}, after: $after) { nodes { id timestamp content } pageInfo { hasNextPage endCursor } } } }`;
    const graphql = async (cursor: string | null) => {
      const response = await request(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query, variables: { agentId, after: cursor } }),
      });
      const body = (await response.body.json()) as { data?: { agentWhatsApp: { messages: { nodes: unknown[] } } }; errors?: unknown };
      if (body.errors || body.data?.agentWhatsApp.messages.nodes.length !== PAGE) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
    };
    const baselineSql = `select * from ${t('whatsapp_messages')} where agent_id = $1 and user_id = $2
      and ("timestamp", id) < ($3, $4) order by "timestamp" desc, id desc limit ${PAGE + 1}`;
    const formerSql = `select * from ${t('whatsapp_messages')} where agent_id = $1 and user_id = $2
      and ("timestamp" < $3 or ("timestamp" = $3 and id < $4)) order by "timestamp" desc, id desc limit ${PAGE + 1}`;

    // Same answer from both before anything is timed.
    const page = await messageHistory(app.orm.em.fork(), { userId, agentId, first: PAGE, after });
    const { rows: reference } = await pool.query<{ id: string }>(baselineSql, [agentId, userId, at, deep!.id]);
    if (JSON.stringify(page.nodes.map((m) => m.id)) !== JSON.stringify(reference.slice(0, PAGE).map((r) => r.id))) {
      throw new Error('the history function and the baseline disagree');
    }

    const samples: Record<string, number[]> = { fn: [], baseline: [], graphqlDeep: [], graphqlNewest: [], former: [] };
    for (let round = 0; round < ROUNDS; round++) {
      await timed(samples.baseline!, () => pool.query(baselineSql, [agentId, userId, at, deep!.id]));
      await timed(samples.fn!, () => messageHistory(app.orm.em.fork(), { userId, agentId, first: PAGE, after }));
      await timed(samples.graphqlDeep!, () => graphql(after));
      await timed(samples.graphqlNewest!, () => graphql(null));
      // Reads ~100,000 index entries per call: fewer calls, or it dominates the run.
      if (round < 2) {
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await pool.query(formerSql, [agentId, userId, at, deep!.id]);
          samples.former!.push(performance.now() - t0);
        }
      }
    }

    const stats = (name: string) => {
      const sorted = [...samples[name]!].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    };
    const rows: Array<[string, string]> = [
      ['history function (messageHistory), depth 100,000', 'fn'],
      ['baseline: hand-written index-backed SQL, bare pg pool', 'baseline'],
      ['GraphQL agentWhatsApp.messages over HTTP, depth 100,000', 'graphqlDeep'],
      ['GraphQL agentWhatsApp.messages over HTTP, newest page', 'graphqlNewest'],
      ['reference: former OR-cursor SQL, bare pg pool', 'former'],
    ];
    console.log(`node ${process.version}, ${new Date().toISOString()}; ${(THREAD + OTHERS).toLocaleString('en-US')} messages seeded in ${seedSeconds.toFixed(1)} s; page of ${PAGE}, ${ROUNDS} rounds`);
    console.log(`${'path'.padEnd(58)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  calls`);
    for (const [label, key] of rows) {
      const s = stats(key);
      console.log(`${label.padEnd(58)}  ${s.p50.toFixed(2).padStart(8)}  ${s.p99.toFixed(2).padStart(8)}  ${samples[key]!.length}`);
    }
    const ratio = stats('fn').p50 / stats('baseline').p50;
    const depthRatio = stats('graphqlDeep').p50 / stats('graphqlNewest').p50;
    const okRatio = ratio <= MAX_RATIO;
    const okDepth = depthRatio <= MAX_DEPTH_RATIO;
    console.log(`history function / baseline: ${ratio.toFixed(2)}× (bound ≤ ${MAX_RATIO}×) ${okRatio ? 'PASS' : 'FAIL'}`);
    console.log(`GraphQL page at depth / newest page: ${depthRatio.toFixed(2)}× (bound ≤ ${MAX_DEPTH_RATIO}×) ${okDepth ? 'PASS' : 'FAIL'}`);
    console.log(`history function p50 ${stats('fn').p50.toFixed(2)} ms (goal ≤ 5 ms on the reference machine; informative, not gated)`);
    return okRatio && okDepth ? 0 : 1;
  } finally {
    await pool.end();
    await app.stop();
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
