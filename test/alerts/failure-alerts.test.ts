import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { serializeLikeMeta, type RunningSandbox, type SandboxAccount } from '../../src/adapters/sandbox';
import { WhatsAppCredential } from '../../src/credentials';
import { QueueName } from '../../src/platform/jobs';
import {
  SendWhatsAppMessageDocument,
  SetWhatsAppFailureDigestDocument,
  WhatsAppFailureAlertsDocument,
  WhatsAppFailureDigestDocument,
  type WhatsAppFailureAlertsSubscription,
} from '../generated/graphql';
import { createDeferred, type Deferred } from '../support/deferred';
import { postGraphQL } from '../support/graphql-http';
import { startSmtpSink } from '../support/smtp-sink';
import { connectSubscriptions } from '../support/subscription-client';
import type { TestApp } from '../support/start-test-app';
import { addTenant, configureNow, countRows, eventually, settled, startAppOn, startSandboxForTest, type Tenant } from '../webhooks/webhook-kit';

type Alert = WhatsAppFailureAlertsSubscription['whatsAppFailureAlerts'];

const CUSTOMER_WA_ID = '5511987654321';
/** Short, so the test sees a window end; long enough that a test's own bursts fall inside one. */
const WINDOW_SECONDS = 3;

let running: RunningSandbox;
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  running = await startSandboxForTest();
  smtp = await startSmtpSink();
  app = await startAppOn(running, { FAILURE_ALERT_WINDOW_SECONDS: String(WINDOW_SECONDS), SMTP_URL: smtp.url });
});

async function routedTenant(): Promise<Tenant & { token: string }> {
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  return { ...tenant, token: await app.tokenFor(tenant.userId) };
}

/** A real graphql-ws subscriber: every alert it receives, and a promise for the n-th. */
async function subscribe(token: string) {
  const { client } = connectSubscriptions(app.subscriptionsUrl, token);
  const alerts: Array<Alert & { receivedAt: number }> = [];
  const waiters: Array<{ n: number; deferred: Deferred<Alert[]> }> = [];
  const connected = createDeferred<void>();
  client.on('connected', () => connected.resolve());
  client.subscribe<WhatsAppFailureAlertsSubscription>(
    { query: print(WhatsAppFailureAlertsDocument) },
    {
      next: (value) => {
        if (value.errors) throw new Error(JSON.stringify(value.errors));
        alerts.push({ ...value.data!.whatsAppFailureAlerts, receivedAt: Date.now() });
        for (const waiter of waiters.filter((w) => alerts.length >= w.n)) waiter.deferred.resolve(alerts.slice());
      },
      error: (err) => waiters.forEach((w) => w.deferred.reject(err)),
      complete: () => undefined,
    },
  );
  await connected.promise;
  return {
    alerts,
    /** Resolves once `n` alerts have arrived in all. */
    count(n: number): Promise<Alert[]> {
      const deferred = createDeferred<Alert[]>();
      if (alerts.length >= n) deferred.resolve(alerts.slice());
      else waiters.push({ n, deferred });
      return deferred.promise;
    },
  };
}

function messagesBody(account: SandboxAccount, value: Record<string, unknown>): Buffer {
  return serializeLikeMeta({
    object: 'whatsapp_business_account',
    entry: [{ id: account.wabaId, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: account.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: account.phoneNumberId },
      ...value,
    } }] }],
  });
}

/** `n` failed statuses in one delivery, as Meta reports messages it could not deliver. */
async function failedStatuses(tenant: Tenant, n: number, code = 131047): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const statuses = Array.from({ length: n }, () => ({
    id: `wamid.${randomUUID()}`,
    status: 'failed',
    timestamp: String(now),
    recipient_id: CUSTOMER_WA_ID,
    errors: [{ code, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' } }],
  }));
  const processed = settled(app);
  expect((await running.sandbox.deliverRaw(messagesBody(tenant.account, { statuses }), { phoneNumberId: tenant.account.phoneNumberId })).status).toBe(200);
  expect((await processed)[0]!.outcome).toBe('processed');
}

async function customerWrites(tenant: Tenant, text = 'Olá'): Promise<void> {
  const processed = settled(app);
  expect((await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: CUSTOMER_WA_ID, type: 'text', text: { body: text } })).status).toBe(200);
  await processed;
}

test('a message to a number with no agent is an alert to its owner, and to nobody else', async () => {
  const tenant = await routedTenant();
  const stranger = await routedTenant();
  const owner = await subscribe(tenant.token);
  const other = await subscribe(stranger.token);

  await customerWrites(tenant);
  const [alert] = await owner.count(1);
  expect(alert).toMatchObject({ credentialId: tenant.credentialId, kind: 'UNROUTED_MESSAGE', count: 1, errorCode: null, credential: { id: tenant.credentialId } });
  expect(alert!.reason).toMatch(/no agent/i);
  expect(Date.parse(alert!.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(alert!.firstSeenAt));
  expect(other.alerts).toEqual([]);
});

test('a failed status webhook is an alert with Meta\'s code and a reason in words', async () => {
  const tenant = await routedTenant();
  const owner = await subscribe(tenant.token);
  await failedStatuses(tenant, 1, 131047);
  const [alert] = await owner.count(1);
  expect(alert).toMatchObject({ credentialId: tenant.credentialId, kind: 'MESSAGE_FAILED', count: 1, errorCode: '131047' });
  expect(alert!.reason).toMatch(/24 hours/);
});

test('a send that Meta refuses ends FAILED and is an alert with Meta\'s code', async () => {
  const tenant = await routedTenant();
  const owner = await subscribe(tenant.token);
  await customerWrites(tenant);
  running.sandbox.failNext(1, { code: 131026, message: 'Message undeliverable', details: 'Recipient is not a WhatsApp user' }, { pathIncludes: '/messages' });
  const refused = await postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: tenant.token,
    variables: { input: { credentialId: tenant.credentialId, to: `+${CUSTOMER_WA_ID}`, idempotencyKey: randomUUID(), text: { body: 'Olá!' } } },
  });
  expect(refused.errors?.[0]?.extensions?.code).toBe('WHATSAPP_REJECTED');
  const alerts = await owner.count(2);
  const failed = alerts.find((a) => a.kind === 'MESSAGE_FAILED');
  expect(failed).toMatchObject({ credentialId: tenant.credentialId, count: 1, errorCode: '131026' });
  expect(failed!.reason).toMatch(/could not be delivered/);
});

test('a dead-lettered inbound message is an alert', async () => {
  const tenant = await routedTenant();
  const owner = await subscribe(tenant.token);
  const body = messagesBody(tenant.account, { messages: [{ from: CUSTOMER_WA_ID, timestamp: '1760000000', type: 'text', text: { body: 'no id' } }] });
  const processed = settled(app);
  expect((await running.sandbox.deliverRaw(body, { phoneNumberId: tenant.account.phoneNumberId })).status).toBe(200);
  expect((await processed)[0]!.outcome).toBe('processed_with_rejections');
  const [alert] = await owner.count(1);
  expect(alert).toMatchObject({ credentialId: tenant.credentialId, kind: 'DEAD_LETTER', count: 1, errorCode: 'malformed_message' });
  expect(JSON.stringify(alert)).not.toContain('no id');
});

test('a circuit that opens is an alert', async () => {
  const tenant = await routedTenant();
  const owner = await subscribe(tenant.token);
  // Meta down: every send attempt fails, until the breaker stops calling.
  running.sandbox.failNext(50, { httpStatus: 503 }, { pathIncludes: '/messages' });
  await customerWrites(tenant);
  let refusedByCircuit = false;
  for (let i = 0; i < 10 && !refusedByCircuit; i++) {
    const result = await postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: tenant.token,
      variables: { input: { credentialId: tenant.credentialId, to: `+${CUSTOMER_WA_ID}`, idempotencyKey: randomUUID(), text: { body: 'Olá!' } } },
    });
    refusedByCircuit = result.errors?.[0]?.extensions?.reason === 'CIRCUIT_OPEN';
  }
  expect(refusedByCircuit).toBe(true);
  const alerts = await owner.count(2);
  expect(alerts.map((a) => a.kind).sort()).toEqual(['CIRCUIT_OPENED', 'UNROUTED_MESSAGE']);
  expect(alerts.find((a) => a.kind === 'CIRCUIT_OPENED')).toMatchObject({ credentialId: tenant.credentialId, count: 1 });
});

test('100 failures in a window are one alert counting 100; what follows waits for the window\'s end', async () => {
  const tenant = await routedTenant();
  const owner = await subscribe(tenant.token);
  await failedStatuses(tenant, 100);
  const [first] = await owner.count(1);
  expect(first).toMatchObject({ kind: 'MESSAGE_FAILED', count: 100 });

  // Inside the window: counted, not announced.
  await failedStatuses(tenant, 3);
  await failedStatuses(tenant, 2);
  expect(owner.alerts).toHaveLength(1);
  const [, second] = await owner.count(2);
  expect(second).toMatchObject({ kind: 'MESSAGE_FAILED', count: 5 });
  expect(owner.alerts[1]!.receivedAt - owner.alerts[0]!.receivedAt).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000 - 1000);
});

test('the daily digest e-mails a summary to owners who turned it on, once', async () => {
  const tenant = await routedTenant();
  const silent = await routedTenant();
  const em = app.orm.em.fork();
  await em.nativeUpdate(WhatsAppCredential, { id: { $in: [tenant.credentialId, silent.credentialId] } }, { alertEmail: 'ops@example.com' });

  const before = await postGraphQL(app.graphqlUrl, WhatsAppFailureDigestDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } });
  expect(before.data!.whatsAppFailureDigest).toMatchObject({ credentialId: tenant.credentialId, dailyDigest: false });
  const set = await postGraphQL(app.graphqlUrl, SetWhatsAppFailureDigestDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId, dailyDigest: true } });
  expect(set.errors).toBeUndefined();
  expect(set.data!.setWhatsAppFailureDigest.dailyDigest).toBe(true);
  const stranger = await postGraphQL(app.graphqlUrl, SetWhatsAppFailureDigestDocument, { authorization: silent.token, variables: { credentialId: tenant.credentialId, dailyDigest: false } });
  expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

  await failedStatuses(tenant, 7, 131026);
  await customerWrites(tenant);
  await failedStatuses(silent, 4);

  await app.services.jobs.send(QueueName.FailureAlertDigest, {});
  const mail = await smtp.nextTo('ops@example.com');
  const text = mail.body.replace(/=\r?\n/g, '');
  expect(text).toContain(tenant.account.displayPhoneNumber);
  expect(text).toMatch(/7 messages failed at WhatsApp/);
  expect(text).toMatch(/error 131026/);
  expect(text).toMatch(/1 customer message arrived while no agent was enabled/);
  expect(text).not.toContain(silent.account.displayPhoneNumber);
  expect(text).not.toContain(CUSTOMER_WA_ID);

  // Sent once: the counts start again from zero.
  const pending = () => countRows(app, 'whatsapp_failure_alerts', 'credential_id = ? and digest_count > 0', [tenant.credentialId]);
  await eventually(pending, (n) => n === 0, 10_000, 'the digest counts to be reset');
  // The owner who did not ask keeps their counts for the day they do.
  expect(await countRows(app, 'whatsapp_failure_alerts', 'credential_id = ? and digest_count > 0', [silent.credentialId])).toBe(1);
});
