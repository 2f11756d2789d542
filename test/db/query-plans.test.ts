import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { AuditResolver } from '../../src/audit/audit.resolver';
import { CredentialResolver } from '../../src/credentials/credential.resolver';
import { pluginOrmConfig } from '../../src/app/database';
import { migrateToLatest } from '../../src/platform/db/orm';
import { SelfReleasingClient } from '../../src/platform/db/self-releasing-client';
import { InboundDeadLetterResolver } from '../../src/webhooks';
import { claimDeliveries } from '../../src/webhooks/inbox-claim';
import type { CredentialServices } from '../../src/credentials';
import type { GraphQLContext } from '../../src/platform/graphql/context';
import { encodeCursor } from '../../src/platform/graphql/pagination';
import { messageHistory } from '../../src/messaging';
import { onDispose } from '../support/leftovers';
import { createTestDatabase, TEST_SCHEMA } from '../support/test-database';

/**
 * The plans PostgreSQL actually ran for the hot queries, on tables seeded large enough that a sequential
 * scan or a sort of the whole table would be the planner's choice if the index did not serve the query.
 * The queries are the real ones (the history function, the list resolvers): auto_explain reports each
 * executed statement's plan, with actual row counts, back to the client as a NOTICE.
 */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

const plans: PlanNode[] = [];

class PlanReportingClient extends SelfReleasingClient {
  constructor(config: object) {
    super(config);
    this.on('notice', (notice) => {
      const text = notice.message ?? '';
      const json = text.slice(text.indexOf('{'));
      if (text.includes('"Plan"')) plans.push((JSON.parse(json) as { Plan: PlanNode }).Plan);
    });
  }
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** The plans of the statements `run` executed, in order. */
async function plansOf(run: () => Promise<unknown>): Promise<PlanNode[]> {
  plans.length = 0;
  await run();
  return [...plans];
}

/** Reads only a page's worth of `table`, through `index`: no sequential scan, no sort over many rows. */
function expectIndexBacked(ran: PlanNode[], table: string, index: string, maxRows = 200): void {
  const nodes = ran.flatMap(nodesOf);
  const onTable = nodes.filter((n) => n['Relation Name'] === table);
  expect(onTable.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  // A Bitmap Index Scan names its index but not its table (the Bitmap Heap Scan above it does).
  expect(nodes.map((n) => n['Index Name'])).toContain(index);
  for (const node of onTable) {
    const loops = node['Actual Loops'] ?? 1;
    // Rows a scan read and then discarded count too: a filter is not a start key.
    expect(((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * loops).toBeLessThanOrEqual(maxRows);
  }
  for (const sort of nodes.filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort')) {
    expect(sort['Actual Rows']).toBeLessThanOrEqual(maxRows);
  }
}

const S = `"${TEST_SCHEMA}"`;
const userId = randomUUID();
const agentId = randomUUID();
const credentialId = randomUUID();
const conversationId = randomUUID();
const CUSTOMER = '5511987654321';
const HISTORY = 60_000;
let orm: MikroORM;

/** The list resolvers read only the unit of work and the viewer. */
function adminContext(): GraphQLContext {
  const viewer = { userId: randomUUID(), roles: ['admin'], isAdmin: true, isHostService: false };
  return { em: orm.em.fork(), viewer, requestId: 'plans' } as Partial<GraphQLContext> as GraphQLContext;
}

/** ... and none of the services the credential resolver is built with. */
const NO_SERVICES = {} as CredentialServices;

beforeAll(async () => {
  const clientUrl = await createTestDatabase();
  orm = await MikroORM.init({
    ...pluginOrmConfig({ clientUrl, schema: TEST_SCHEMA, poolMax: 2 }),
    driverOptions: {
      Client: PlanReportingClient,
      options: [
        '-c session_preload_libraries=auto_explain',
        '-c auto_explain.log_min_duration=0',
        '-c auto_explain.log_analyze=on',
        '-c auto_explain.log_format=json',
        '-c auto_explain.log_level=notice',
        '-c client_min_messages=notice',
      ].join(' '),
    },
  });
  onDispose(() => orm.close(true));
  await migrateToLatest(orm, TEST_SCHEMA);
  const db = orm.em.getConnection();
  await db.execute(`insert into ${S}.keyring_key (user_id, material_id, latest_version, min_decryption_version, created_at, updated_at)
    select u, gen_random_uuid(), 1, 1, now(), now() from (select '${userId}'::uuid union all select gen_random_uuid() from generate_series(1, 199)) k(u)`);
  // 20,000 credentials over 200 users, created a minute apart, in all four statuses.
  await db.execute(`insert into ${S}.whatsapp_credentials (id, user_id, business_account_id, phone_number_id, phone_number, display_name,
      access_token_ciphertext, app_secret_ciphertext, verify_token_ciphertext, access_token_hint, token_scopes, status, created_at, updated_at)
    select case when g = 1 then '${credentialId}'::uuid else gen_random_uuid() end, k.user_id, 'waba', 'pn' || g, '+1 555 0100', 'Shop', '', '', '', '', '{}',
      (array['active', 'invalid', 'expired', 'suspended'])[1 + g % 4], now() - g * interval '1 minute', now()
    from generate_series(1, 20000) g
    join (select user_id, row_number() over () - 1 as n from ${S}.keyring_key) k on k.n = g % 200`);
  await db.execute(`insert into ${S}.whatsapp_conversations (id, user_id, phone_number_id, agent_id, customer_wa_id, created_at)
    select case when g = 1 then '${conversationId}'::uuid else gen_random_uuid() end, '${userId}', 'pn1', '${agentId}',
      case when g = 1 then '${CUSTOMER}' else (5511900000000 + g)::text end, now()
    from generate_series(1, 20000) g`);
  // One customer's thread of 60,000 messages a second apart, and 60,000 more of other agents and threads.
  await db.execute(`insert into ${S}.whatsapp_messages (id, user_id, credential_id, agent_id, conversation_id, whatsapp_message_id,
      from_phone, to_phone, direction, message_type, content, status, "timestamp", created_at)
    select gen_random_uuid(), '${userId}', '${credentialId}', case when g <= ${HISTORY} then '${agentId}'::uuid else gen_random_uuid() end,
      case when g <= ${HISTORY} then '${conversationId}'::uuid else gen_random_uuid() end, 'wamid.' || g,
      '${CUSTOMER}', '15550783881', 'inbound', 'text', jsonb_build_object('body', 'message ' || g), 'received',
      timestamptz '2026-01-01' + g * interval '1 second', now()
    from generate_series(1, ${2 * HISTORY}) g`);
  await db.execute(`insert into ${S}.audit_log (occurred_at, actor_role, subject_user_id, action, target_type, target_id, outcome)
    select now(), 'user', k.user_id, case when g % 500 = 0 then 'credential.suspend' else 'action.' || (g % 20) end, 'WhatsAppCredential', md5('target' || (g % 2000))::uuid::text, 'success'
    from generate_series(1, 50000) g
    join (select user_id, row_number() over () - 1 as n from ${S}.keyring_key) k on k.n = g % 200`);
  // The inbox as it is between retention sweeps at 1,000 deliveries/s: 200,000 processed rows kept, a few pending.
  await db.execute(`insert into ${S}.webhook_deliveries (endpoint_id, received_at, raw_body, processed_at, outcome, next_attempt_at)
    select '${randomUUID()}', now() - interval '1 hour', '\\x7b7d', case when g <= 200000 then now() - interval '1 hour' end,
      case when g <= 200000 then 'processed' end, now() - interval '1 hour'
    from generate_series(1, 200600) g`);
  // 100,000 dead letters over 200 users, all but the newest 300 retried and resolved (one or two per user waiting).
  await db.execute(`insert into ${S}.webhook_dead_letters (id, user_id, credential_id, endpoint_id, delivery_id, kind, wamid, reason, payload, created_at, retried_at, resolved_at)
    select gen_random_uuid(), k.user_id, null, '${randomUUID()}', g, 'message', 'wamid.dead.' || g, 'malformed_message', '{}',
      now() - g * interval '1 second', r.at, r.at
    from generate_series(1, 100000) g
    join (select user_id, row_number() over () - 1 as n from ${S}.keyring_key) k on k.n = g % 200
    cross join lateral (select case when g > 300 then now() end as at) r`);
  for (const table of ['whatsapp_credentials', 'whatsapp_conversations', 'whatsapp_messages', 'audit_log', 'webhook_deliveries', 'webhook_dead_letters']) {
    await db.execute(`analyze ${S}.${table}`);
  }
}, 180_000);

/** The cursor of the row `depth` rows below the newest of `where`, ordered by (`time`, id) newest first. */
async function cursorAt(table: string, time: string, where: string, depth: number): Promise<string> {
  const [row] = await orm.em.getConnection().execute<Array<{ ms: number; id: string }>>(
    `select extract(epoch from ${time}) * 1000 as ms, id from ${S}.${table} where ${where} order by ${time} desc, id desc offset ${depth} limit 1`,
  );
  return encodeCursor([new Date(Number(row!.ms)).toISOString(), row!.id]);
}

test('a history page 50,000 messages deep reads one page through the agent\'s history index', async () => {
  const after = await cursorAt('whatsapp_messages', '"timestamp"', `agent_id = '${agentId}'`, 50_000);
  let page: Awaited<ReturnType<typeof messageHistory>> | undefined;
  const ran = await plansOf(async () => {
    page = await messageHistory(orm.em.fork(), { userId, agentId, first: 20, after });
  });
  expect(page!.nodes).toHaveLength(20);
  expect(page!.pageInfo.hasNextPage).toBe(true);
  expectIndexBacked(ran, 'whatsapp_messages', 'whatsapp_messages_agent_history_idx');
});

test('the former cursor, `ts < x or (ts = x and id < y)`, would fail this check: it reads every newer row', async () => {
  const after = await cursorAt('whatsapp_messages', '"timestamp"', `agent_id = '${agentId}'`, 50_000);
  const [iso, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string];
  const ran = await plansOf(() =>
    orm.em.getConnection().execute(
      `select * from ${S}.whatsapp_messages where agent_id = ? and user_id = ? and ("timestamp" < ? or ("timestamp" = ? and id < ?))
       order by "timestamp" desc, id desc limit 21`,
      [agentId, userId, iso, iso, id],
    ),
  );
  expect(() => expectIndexBacked(ran, 'whatsapp_messages', 'whatsapp_messages_agent_history_idx')).toThrow();
});

test('one customer\'s history page at depth reads its threads through the conversation index', async () => {
  const after = await cursorAt('whatsapp_messages', '"timestamp"', `conversation_id = '${conversationId}'`, 50_000);
  const ran = await plansOf(() => messageHistory(orm.em.fork(), { userId, agentId, customer: `+${CUSTOMER}`, first: 20, after }));
  expectIndexBacked(ran, 'whatsapp_conversations', 'whatsapp_conversations_user_customer_idx');
  expectIndexBacked(ran, 'whatsapp_messages', 'whatsapp_messages_conversation_idx');
});

test('the admin credential list pages through its created-at indexes, with or without filters', async () => {
  const resolver = new CredentialResolver(NO_SERVICES);
  const after = await cursorAt('whatsapp_credentials', 'created_at', 'true', 15_000);
  const all = await plansOf(() => resolver.adminWhatsAppCredentials(adminContext(), null, null, 20, after));
  expectIndexBacked(all, 'whatsapp_credentials', 'whatsapp_credentials_created_idx');
  const suspended = await plansOf(() => resolver.adminWhatsAppCredentials(adminContext(), 'suspended' as never, null, 20, after));
  expectIndexBacked(suspended, 'whatsapp_credentials', 'whatsapp_credentials_status_created_idx');
  const ofUser = await plansOf(() => resolver.adminWhatsAppCredentials(adminContext(), null, userId, 20, null));
  expectIndexBacked(ofUser, 'whatsapp_credentials', 'whatsapp_credentials_user_created_idx');
});

test('the audit logs page through the subject, action and target indexes', async () => {
  const resolver = new AuditResolver();
  const deep = encodeCursor(['10000']);
  const mine = await plansOf(() => resolver.myWhatsAppAuditLog({ ...adminContext(), viewer: { userId, roles: [], isAdmin: false, isHostService: false } }, null, 20, deep));
  expectIndexBacked(mine, 'audit_log', 'audit_log_subject_idx');
  const byAction = await plansOf(() => resolver.adminWhatsAppAuditLog(adminContext(), null, 'credential.suspend', null, 20, deep));
  expectIndexBacked(byAction, 'audit_log', 'audit_log_action_idx');
  const [{ target }] = await orm.em.getConnection().execute<Array<{ target: string }>>(`select md5('target42')::uuid::text as target`);
  const byTarget = await plansOf(() => resolver.adminWhatsAppAuditLog(adminContext(), null, null, target, 20, null));
  expectIndexBacked(byTarget, 'audit_log', 'audit_log_target_idx');
  const everything = await plansOf(() => resolver.adminWhatsAppAuditLog(adminContext(), null, null, null, 20, deep));
  expectIndexBacked(everything, 'audit_log', 'audit_log_pkey');
});

test('the inbox claim walks the pending index, not the 200,000 processed rows kept for retention', async () => {
  const ran = await plansOf(() =>
    orm.em.getKysely().transaction().execute((trx) => claimDeliveries(trx, TEST_SCHEMA, { limit: 500, only: null })),
  );
  expectIndexBacked(ran, 'webhook_deliveries', 'webhook_deliveries_pending_idx', 600);
});

test('an outbound status finds its message by (credential, wamid) through an index', async () => {
  const ran = await plansOf(() =>
    orm.em.getConnection().execute(`select id, status from ${S}.whatsapp_messages where credential_id = ? and whatsapp_message_id = ?`, [credentialId, 'wamid.4242']),
  );
  expectIndexBacked(ran, 'whatsapp_messages', 'whatsapp_messages_credential_wamid_unique', 1);
});

test('an owner\'s waiting dead letters and the backlog count read only the unresolved rows, not the resolved ones kept', async () => {
  const resolver = new InboundDeadLetterResolver();
  const owner = { ...adminContext(), viewer: { userId, roles: [], isAdmin: false, isHostService: false } };
  let waiting: Awaited<ReturnType<InboundDeadLetterResolver['whatsAppInboundDeadLetters']>> = [];
  const list = await plansOf(async () => {
    waiting = await resolver.whatsAppInboundDeadLetters(owner, false, 50);
  });
  expect(waiting.length).toBeGreaterThan(0);
  expect(waiting.every((letter) => letter.resolvedAt === null)).toBe(true);
  expectIndexBacked(list, 'webhook_dead_letters', 'webhook_dead_letters_unresolved_idx', 50);
  // The count /readyz and the metrics report (src/webhooks/webhooks-module.ts).
  const count = await plansOf(() => orm.em.getConnection().execute(`select count(*)::int as n from ${S}.webhook_dead_letters where resolved_at is null`));
  expectIndexBacked(count, 'webhook_dead_letters', 'webhook_dead_letters_unresolved_idx', 300);
});
