import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../../src/platform/observability/logger';
import { RetentionSweeper, type RetentionOptions } from '../../src/webhooks/retention';
import { eventually } from '../support/eventually';
import { onDispose } from '../support/leftovers';
import { startTestOrm, TEST_SCHEMA } from '../support/test-database';

const S = `"${TEST_SCHEMA}"`;
let orm: MikroORM;
let databaseUrl: string;

beforeAll(async () => {
  ({ orm, databaseUrl } = await startTestOrm());
});

function sweeper(overrides: Partial<RetentionOptions> = {}): RetentionSweeper {
  return new RetentionSweeper({
    databaseUrl,
    schema: TEST_SCHEMA,
    logger: createLogger('silent'),
    deliveryRetentionDays: 14,
    statusRetentionDays: 30,
    batchRows: 100,
    intervalMs: 60_000,
    ...overrides,
  });
}

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(text, params);
}

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await sql<{ n: number }>(`select count(*)::int as n from ${S}.${table} where ${where}`);
  return row!.n;
}

beforeEach(async () => {
  await sql(`truncate ${S}.webhook_deliveries, ${S}.whatsapp_message_statuses`);
});

/** `n` deliveries received (and, when `processed`, processed) `daysAgo` days ago, in id order. */
async function deliveries(n: number, daysAgo: number, processed: boolean): Promise<void> {
  await sql(`insert into ${S}.webhook_deliveries (endpoint_id, received_at, raw_body, processed_at, outcome)
    select gen_random_uuid(), now() - ? * interval '1 day', '\\x7b7d', case when ? then now() - ? * interval '1 day' end, case when ? then 'processed' end
    from generate_series(1, ?)`, [daysAgo, processed, daysAgo, processed, n]);
}

async function statuses(n: number, daysAgo: number, credentialId = randomUUID()): Promise<void> {
  await sql(`insert into ${S}.whatsapp_message_statuses (credential_id, whatsapp_message_id, status, "timestamp", payload, received_at)
    select ?, 'wamid.' || gen_random_uuid(), 'delivered', now(), '{}', now() - ? * interval '1 day' from generate_series(1, ?)`, [credentialId, daysAgo, n]);
}

test('deletes processed deliveries past the retention in bounded batches, looping until none is left', async () => {
  await deliveries(1_050, 20, true); // old and processed: go
  await deliveries(30, 20, false); // old but never processed (waiting on a retry): stay
  await deliveries(200, 1, true); // inside the retention: stay
  const result = await sweeper().sweep();
  expect(result).toMatchObject({ deliveries: 1_050 });
  // 100 rows per DELETE: the 1,080 old rows and the first young batch that stops the walk.
  expect(result!.batches).toBeGreaterThanOrEqual(11);
  expect(result!.batches).toBeLessThanOrEqual(13);
  expect(await count('webhook_deliveries')).toBe(230);
  expect(await count('webhook_deliveries', 'processed_at is null')).toBe(30);
  // Nothing left to do: a second sweep deletes nothing.
  expect(await sweeper().sweep()).toMatchObject({ deliveries: 0, statuses: 0, messages: 0 });
});

test('deletes message status events past their own retention; 0 keeps them', async () => {
  await statuses(250, 40);
  await statuses(50, 5);
  expect(await sweeper({ statusRetentionDays: 0, deliveryRetentionDays: 0 }).sweep()).toMatchObject({ statuses: 0 });
  expect(await sweeper().sweep()).toMatchObject({ statuses: 250 });
  expect(await count('whatsapp_message_statuses')).toBe(50);
});

test('one instance sweeps at a time: a second sweeper finds the lock taken and does nothing', async () => {
  await deliveries(300, 20, true);
  // Another instance in the middle of a sweep holds the lock on its own connection.
  const other = new Client({ connectionString: databaseUrl });
  await other.connect();
  onDispose(() => other.end());
  await other.query('select pg_advisory_lock(hashtext($1))', [`${TEST_SCHEMA}.retention`]);
  expect(await sweeper().sweep()).toBeNull();
  expect(await count('webhook_deliveries')).toBe(300);
  await other.query('select pg_advisory_unlock(hashtext($1))', [`${TEST_SCHEMA}.retention`]);
  // Two sweeps at once: one works, the other stands aside, and every old row is gone once.
  const results = await Promise.all([sweeper().sweep(), sweeper().sweep()]);
  expect(results.filter((r) => r !== null).reduce((sum, r) => sum + r!.deliveries, 0)).toBe(300);
  expect(await count('webhook_deliveries')).toBe(0);
});

test('a credential\'s message retention deletes its old messages and their statuses, and nobody else\'s', async () => {
  const userId = randomUUID();
  await sql(`insert into ${S}.keyring_key (user_id, material_id, latest_version, min_decryption_version, created_at, updated_at) values (?, gen_random_uuid(), 1, 1, now(), now())`, [userId]);
  const credential = async (phoneNumberId: string, days: number | null) => {
    const id = randomUUID();
    await sql(`insert into ${S}.whatsapp_credentials (id, user_id, business_account_id, phone_number_id, phone_number, display_name,
        access_token_ciphertext, app_secret_ciphertext, verify_token_ciphertext, access_token_hint, token_scopes, created_at, updated_at, message_retention_days)
      values (?, ?, 'waba', ?, '+1 555 0100', 'Shop', '', '', '', '', '{}', now(), now(), ?)`, [id, userId, phoneNumberId, days]);
    // Three threads of 120 messages, one a day back from today.
    for (let thread = 0; thread < 3; thread++) {
      const conversationId = randomUUID();
      await sql(`insert into ${S}.whatsapp_conversations (id, user_id, phone_number_id, customer_wa_id, created_at) values (?, ?, ?, ?, now())`,
        [conversationId, userId, phoneNumberId, `55119876543${thread}`]);
      await sql(`insert into ${S}.whatsapp_messages (id, user_id, credential_id, conversation_id, whatsapp_message_id, from_phone, to_phone,
          direction, message_type, content, status, "timestamp", created_at)
        select gen_random_uuid(), ?, ?, ?, 'wamid.' || gen_random_uuid(), 'a', 'b', 'inbound', 'text', '{}', 'received', now() - g * interval '1 day' + interval '1 hour', now()
        from generate_series(0, 119) g`, [userId, id, conversationId]);
    }
    return id;
  };
  const keeping = await credential('pn-keep', null);
  const pruning = await credential('pn-prune', 30);
  await statuses(10, 45, pruning);
  await statuses(10, 45, keeping);

  const result = await sweeper({ statusRetentionDays: 0, batchRows: 50 }).sweep();
  // Days 31..119 of each of the three threads (day 30 is an hour short of the cutoff): 89 each, found
  // 50 per DELETE, so each thread takes more than one batch and the walk resumes inside it.
  expect(result).toMatchObject({ messages: 267, statuses: 10 });
  expect(await count('whatsapp_messages', `credential_id = '${pruning}'`)).toBe(93);
  expect(await count('whatsapp_messages', `credential_id = '${pruning}' and "timestamp" < now() - interval '30 days'`)).toBe(0);
  expect(await count('whatsapp_messages', `credential_id = '${keeping}'`)).toBe(360);
  expect(await count('whatsapp_message_statuses', `credential_id = '${keeping}'`)).toBe(10);
  // Emptied or not, the threads stay: they carry the customer's window and agent line.
  expect(await count('whatsapp_conversations', `phone_number_id = 'pn-prune'`)).toBe(3);
});

test('started, it sweeps on its own and stops cleanly', async () => {
  await deliveries(120, 20, true);
  const running = sweeper({ intervalMs: 50 });
  running.start();
  onDispose(() => running.stop());
  // The sweep's only observable effect is the rows it removes.
  await eventually(() => count('webhook_deliveries'), (n) => n === 0, 20_000, 'the started sweeper deleting old deliveries');
  await running.stop();
});
