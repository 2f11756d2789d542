import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AgentWhatsAppConfig } from '../../src/agents';
import { duplicatesIn, reportFaultRun } from '../support/fault-figures';
import { onDispose } from '../support/leftovers';
import { pluginProcessEnv, startPluginProcess } from '../support/plugin-process';
import { createTestDatabase } from '../support/test-database';
import { addTenant, eventually, offer, signedInbound, startAppOn, startSandboxForTest } from '../webhooks/webhook-kit';

jest.setTimeout(240_000);

const TOTAL = 400;
const IN_FLIGHT = 32;

test('SIGKILL while processing, then a new process on the same database: every delivery answered 200 is processed exactly once', async () => {
  const running = await startSandboxForTest();
  const databaseUrl = await createTestDatabase();
  const env = {
    ...pluginProcessEnv(databaseUrl, running.baseUrl),
    // The burst comes from one synthetic endpoint; the limit is not what this test is about.
    RATE_LIMIT_WEBHOOK_PER_SECOND: '100000',
  };
  // The tenant is stored through an in-process plugin (same keyring), which then leaves the work to the child.
  const seeder = await startAppOn(running, { ...env, INSTANCE_ROLE: 'receive' }, { databaseUrl });
  const tenant = await addTenant(seeder, running);
  const em = seeder.orm.em.fork();
  em.create(AgentWhatsAppConfig, { agentId: randomUUID(), userId: tenant.userId, credential: tenant.credentialId, phoneNumberId: tenant.account.phoneNumberId });
  await em.flush();
  await seeder.stop();

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  onDispose(() => db.end());
  const inbox = async () =>
    (await db.query<{ total: number; processed: number }>(
      'select count(*)::int as total, count(processed_at)::int as processed from whatsapp_connect.webhook_deliveries',
    )).rows[0]!;

  const first = await startPluginProcess(env);
  const deliveries = Array.from({ length: TOTAL }, (_, i) => {
    const wamid = `wamid.kill-${i}-${randomUUID()}`;
    return { wamid, delivery: signedInbound(tenant.account, wamid, `n${i}`) };
  });
  const answers = new Map<string, number>();
  let next = 0;
  const burst = Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < deliveries.length) {
        const { wamid, delivery } = deliveries[next++]!;
        answers.set(wamid, await offer(`${first.webhookBaseUrl}/${tenant.endpoint.endpointKey}`, delivery));
      }
    }),
  );

  // Killed once processing has begun, holding a batch it has not committed and with a backlog behind
  // it. The batch is held by a lock on the messages table (its insert waits), since a fast processor
  // could otherwise have drained everything stored at the moment of the kill.
  await eventually(inbox, (counts) => counts.processed > 0, 60_000, 'the first process to start processing');
  const holder = new Client({ connectionString: databaseUrl });
  await holder.connect();
  onDispose(() => holder.end());
  await holder.query('begin');
  await holder.query('lock table whatsapp_connect.whatsapp_messages in share mode');
  await eventually(inbox, (counts) => counts.total > counts.processed, 60_000, 'a backlog behind the held batch');
  await first.kill();
  const atKill = await inbox();
  await holder.query('rollback');
  await burst;
  expect(atKill.total - atKill.processed).toBeGreaterThan(0);

  const accepted = deliveries.filter(({ wamid }) => answers.get(wamid) === 200);
  const refused = deliveries.filter(({ wamid }) => answers.get(wamid) !== 200);
  // Answered 200 means committed; every accepted delivery is in the inbox at the moment of the kill or before.
  expect(atKill.total).toBeGreaterThanOrEqual(accepted.length);

  const second = await startPluginProcess(env);
  // As Meta does, whatever was not answered 200 is delivered again, now to the new process.
  for (const { delivery } of refused) {
    await eventually(() => offer(`${second.webhookBaseUrl}/${tenant.endpoint.endpointKey}`, delivery), (status) => status === 200, 60_000, 'a re-offered delivery to be accepted');
  }
  await eventually(inbox, (counts) => counts.processed === counts.total, 120_000, 'the new process to drain the inbox');

  const stored = (await db.query<{ id: string; wamid: string }>(
    "select id, whatsapp_message_id as wamid from whatsapp_connect.whatsapp_messages where whatsapp_message_id like 'wamid.kill-%'",
  )).rows;
  const jobs = (await db.query<{ messageId: string }>(
    "select data->>'messageId' as \"messageId\" from whatsapp_connect_jobs.job where name = 'agent-inbound'",
  )).rows;
  const storedWamids = new Set(stored.map((m) => m.wamid));
  const lost = accepted.filter(({ wamid }) => !storedWamids.has(wamid)).length;
  const duplicated = duplicatesIn(stored.map((m) => m.wamid)) + duplicatesIn(jobs.map((j) => j.messageId));
  expect(lost).toBe(0);
  expect(stored).toHaveLength(TOTAL);
  expect(duplicated).toBe(0);
  // One agent-inbound job per message, queued in the transaction that stored it.
  expect(new Set(jobs.map((j) => j.messageId))).toEqual(new Set(stored.map((m) => m.id)));

  reportFaultRun({
    fault: 'SIGKILL + restart',
    offered: TOTAL,
    accepted: accepted.length,
    delivered: stored.length,
    duplicated,
    lost,
    notes: { storedAtKill: atKill.total, processedAtKill: atKill.processed, refusedThenReoffered: refused.length, inboxRows: (await inbox()).total },
  });
});
