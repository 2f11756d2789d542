import { randomBytes, randomUUID } from 'node:crypto';
import { MessageTopic, type MessageEvent } from '../../src/messaging';
import { SendWhatsAppMessageDocument } from '../generated/graphql';
import { receiveInbound, seedAgent } from '../agents/agent-fixtures';
import { createDeferred, type Deferred } from '../support/deferred';
import { duplicatesIn, reportFaultRun } from '../support/fault-figures';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { startPrivatePostgres } from '../support/private-postgres';
import { within } from '../support/eventually';
import { call, endpointOf, eventually, offer, signedInbound, startAppOn, startSandboxForTest } from '../webhooks/webhook-kit';

jest.setTimeout(240_000);

const CUSTOMER = '+5511987654321';
const CONCURRENCY = 4;

/**
 * Meta's side of the exchange: offers each delivery once, `CONCURRENCY` at a time, and remembers the
 * answers; a delivery not answered 200 is Meta's to deliver again.
 */
async function offerAll(url: string, deliveries: Array<{ wamid: string; delivery: ReturnType<typeof signedInbound> }>, onAnswer?: (status: number) => void) {
  const statuses = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < deliveries.length) {
        const { wamid, delivery } = deliveries[next++]!;
        const status = await offer(url, delivery);
        statuses.set(wamid, status);
        onAnswer?.(status);
      }
    }),
  );
  return statuses;
}

/** The first call runs `run`; later calls share its outcome (the test and its dispose both stop the app). */
function once<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
}

test('PostgreSQL restarted mid-traffic: every delivery answered 200 is processed once, refused ones once re-offered, and the app recovers by itself', async () => {
  const postgres = await startPrivatePostgres();
  const running = await startSandboxForTest();
  const app = await startAppOn(running, { KEYRING_MASTER_KEY: randomBytes(32).toString('base64') }, { databaseUrl: postgres.url });
  // Transactions caught by the restart give their pool slots back (src/platform/db/self-releasing-client.ts), so the
  // app stops; the bound keeps a regression from stalling the suite and is asserted below.
  const stopped = once(() => Promise.race([app.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('hung'), 15_000).unref())]));
  onDispose(stopped);
  const agent = await seedAgent(app, running.sandbox, { autoReply: true });
  const { webhookUrl } = await endpointOf(app, agent.credentialId);
  const sql = <T>(text: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(text, params);
  // The customer wrote first, so the 24-hour window is open for the sends below.
  await receiveInbound(app, running.sandbox, agent, { customerWaId: CUSTOMER.slice(1), enqueue: false });
  const send = (idempotencyKey: string) =>
    postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: agent.token,
      variables: { input: { agentId: agent.agentId, to: CUSTOMER, idempotencyKey, text: { body: idempotencyKey } } },
    });

  // Live subscribers hear inbound messages through LISTEN/NOTIFY; after the restart they must again.
  // Events may arrive before the test knows which message id to wait for: each id's promise is made on
  // whichever comes first, the event or the wait.
  const heard = new Map<string, Deferred<void>>();
  const hearing = (messageId: string) => heard.get(messageId) ?? heard.set(messageId, createDeferred()).get(messageId)!;
  const subscription = app.services.eventBus.subscribe(MessageTopic.Inbound, agent.agentId);
  void (async () => {
    for await (const event of subscription as AsyncIterable<MessageEvent>) hearing(event.messageId).resolve();
  })();

  const batch = (phase: string, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const wamid = `wamid.pg-${phase}-${i}-${randomUUID()}`;
      return { wamid, delivery: signedInbound(agent.account, wamid, `${phase} ${i}`) };
    });
  const before = batch('before', 60);
  const down = batch('down', 20);
  const after = batch('after', 60);
  const sends = { before: `send-before-${randomUUID()}`, down: `send-down-${randomUUID()}`, after: `send-after-${randomUUID()}` };

  expect((await send(sends.before)).data?.sendWhatsAppMessage.status).toBe('SENT');

  // The restart begins while the first stream is in flight: once 20 of its deliveries are answered 200.
  let acceptedBefore = 0;
  let stopping: Promise<void> | undefined;
  const firstAnswers = await within(
    offerAll(webhookUrl, before, (status) => {
      if (status === 200 && ++acceptedBefore === 20) stopping = postgres.stop('fast');
    }),
    30_000,
    'the deliveries offered around the stop to be answered',
  );
  await within(stopping ?? Promise.resolve(), 30_000, 'PostgreSQL to stop');

  const whileDown = await within(offerAll(webhookUrl, down), 30_000, 'the deliveries offered while PostgreSQL is down to be answered');
  // 503: nothing was stored, and Meta delivers again later.
  for (const status of whileDown.values()) expect(status).toBe(503);
  expect((await within(call(`${app.url}/readyz`), 30_000, '/readyz while PostgreSQL is down')).status).toBe(503);
  const refusedSend = await within(send(sends.down), 90_000, 'the send while PostgreSQL is down to be refused');
  expect(refusedSend.errors?.length).toBeGreaterThan(0);

  await within(postgres.start(), 30_000, 'PostgreSQL to start again');
  const afterAnswers = await within(offerAll(webhookUrl, after), 30_000, 'the deliveries offered after the restart to be answered');

  const answers = new Map([...firstAnswers, ...whileDown, ...afterAnswers]);
  const offered = [...before, ...down, ...after];
  const accepted = offered.filter(({ wamid }) => answers.get(wamid) === 200);
  const refused = offered.filter(({ wamid }) => answers.get(wamid) !== 200);
  // Around the stop some requests get no answer at all (the connection went with the server's); never a 4xx.
  for (const status of [...answers.values()].filter((s) => s !== 200)) expect([0, 503]).toContain(status);
  expect(refused.length).toBeGreaterThanOrEqual(down.length);

  // As Meta does: deliver every refused one again until it is answered 200.
  for (const { delivery } of refused) {
    await eventually(() => offer(webhookUrl, delivery), (status) => status === 200, 60_000, 'a re-offered delivery to be accepted');
  }
  await eventually(() => call(`${app.url}/readyz`), (r) => r.status === 200, 60_000, '/readyz to be ready again');

  // The send refused during the outage goes out once when the client retries with its key; a new one too.
  const retried = await eventually(() => send(sends.down), (r) => r.data?.sendWhatsAppMessage.status === 'SENT', 60_000, 'the refused send to succeed');
  expect(retried.data?.sendWhatsAppMessage.status).toBe('SENT');
  expect((await send(sends.after)).data?.sendWhatsAppMessage.status).toBe('SENT');

  const wamids = offered.map((o) => o.wamid);
  const stored = await eventually(
    () => sql<{ id: string; wamid: string }>(`select id, whatsapp_message_id as wamid from whatsapp_connect.whatsapp_messages where whatsapp_message_id like 'wamid.pg-%'`),
    (rows) => rows.length >= wamids.length,
    60_000,
    'every offered message to be stored',
  );
  await eventually(
    () => sql<{ n: number }>(`select count(*)::int as n from whatsapp_connect.webhook_deliveries where processed_at is null`),
    (rows) => rows[0]!.n === 0,
    60_000,
    'the inbox to drain',
  );
  // pg-boss came back too: one agent-inbound job per message, every one run to completion. A handler that
  // was mid-transaction when the server went away failed, and so did pg-boss's write of that failure; the
  // worker records it once the server is back, so the job is retried then rather than at its expiry.
  const jobs = await eventually(
    () => sql<{ messageId: string; state: string }>(`select data->>'messageId' as "messageId", state from whatsapp_connect_jobs.job where name = 'agent-inbound'`),
    (rows) => rows.length >= stored.length && rows.every((j) => j.state === 'completed'),
    60_000,
    'the agent-inbound jobs to complete',
  );
  // And LISTEN reconnected: messages stored after the restart reached the live subscriber.
  const lastAfter = stored.find((m) => m.wamid === after.at(-1)!.wamid)!;
  await within(hearing(lastAfter.id).promise, 30_000, 'the live subscriber to hear the last message stored after the restart');
  await subscription.return?.();

  const duplicatedMessages = duplicatesIn(stored.map((m) => m.wamid));
  const duplicatedJobs = duplicatesIn(jobs.map((j) => j.messageId));
  const lost = accepted.filter(({ wamid }) => !stored.some((m) => m.wamid === wamid)).length;
  expect(stored).toHaveLength(wamids.length);
  expect(duplicatedMessages + duplicatedJobs).toBe(0);
  expect(jobs).toHaveLength(stored.length);
  expect(lost).toBe(0);

  const sent = running.sandbox.sentMessages(agent.account.phoneNumberId).map((m) => (m.body.text as { body: string }).body);
  for (const key of Object.values(sends)) expect(sent.filter((body) => body === key)).toHaveLength(1);

  reportFaultRun({
    fault: 'PostgreSQL restart (webhooks)',
    offered: offered.length,
    accepted: accepted.length,
    delivered: stored.length,
    duplicated: duplicatedMessages + duplicatedJobs,
    lost,
    notes: { refusedThenReoffered: refused.length, refusedWhileDown: down.length },
  });
  // Every connection caught by the restart was given back, even one whose BEGIN met the server's FATAL.
  expect(await stopped()).toBe('stopped');
  const sentOfRun = sent.filter((body) => Object.values(sends).includes(body));
  reportFaultRun({
    fault: 'PostgreSQL restart (sends)',
    offered: Object.keys(sends).length,
    // Asserted above: the sends before and after were SENT at once, the one during the outage refused.
    accepted: Object.keys(sends).length - 1,
    delivered: sentOfRun.length,
    duplicated: duplicatesIn(sentOfRun),
    lost: Object.values(sends).filter((key) => !sentOfRun.includes(key)).length,
    notes: { refusedWhileDownThenSentOnRetry: 1 },
  });
});
