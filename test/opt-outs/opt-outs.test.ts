import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../../src/adapters/sandbox';
import { WhatsAppSuppression } from '../../src/opt-outs';
import {
  AddWhatsAppSuppressionDocument,
  DeleteUserDataDocument,
  RemoveWhatsAppSuppressionDocument,
  SendWhatsAppMessageDocument,
  WhatsAppSuppressionsDocument,
} from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { newUserId, type TestApp } from '../support/start-test-app';
import { addTenant, configureNow, settled, startAppOn, startSandboxForTest, type Tenant } from '../webhooks/webhook-kit';

const CUSTOMER = '+5511987654321';
const CUSTOMER_WA_ID = '5511987654321';

let running: RunningSandbox;
let app: TestApp;

beforeAll(async () => {
  running = await startSandboxForTest();
  app = await startAppOn(running);
});

/** A tenant whose number Meta routes to us, and its owner's token. */
async function routedTenant(): Promise<Tenant & { token: string }> {
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  return { ...tenant, token: await app.tokenFor(tenant.userId) };
}

/** The customer writes `text` to the tenant's number, through Meta's webhook; resolves once it is processed. */
async function customerWrites(tenant: Tenant, text: string): Promise<void> {
  const processed = settled(app);
  const result = await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: CUSTOMER_WA_ID, type: 'text', text: { body: text } });
  expect(result.status).toBe(200);
  expect((await processed)[0]!.outcome).toBe('processed');
}

function send(tenant: Tenant & { token: string }, body = 'Temos novidades para si!') {
  return postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: tenant.token,
    variables: { input: { credentialId: tenant.credentialId, to: CUSTOMER, idempotencyKey: randomUUID(), text: { body } } },
  });
}

function list(tenant: Tenant, token: string) {
  return postGraphQL(app.graphqlUrl, WhatsAppSuppressionsDocument, { authorization: token, variables: { credentialId: tenant.credentialId } });
}

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code ?? null;
const graphSends = (tenant: Tenant) => running.sandbox.sentMessages(tenant.account.phoneNumberId).length;

test('a customer\'s STOP refuses the next send without calling Meta, and START lifts it', async () => {
  const tenant = await routedTenant();
  await customerWrites(tenant, '  Stop ');

  const listed = await list(tenant, tenant.token);
  expect(listed.errors).toBeUndefined();
  expect(listed.data!.whatsAppSuppressions).toEqual([expect.objectContaining({ credentialId: tenant.credentialId, customerWaId: CUSTOMER_WA_ID, source: 'KEYWORD' })]);

  const refused = await send(tenant);
  expect(codeOf(refused)).toBe('RECIPIENT_OPTED_OUT');
  expect(graphSends(tenant)).toBe(0);

  await customerWrites(tenant, 'start');
  expect((await list(tenant, tenant.token)).data!.whatsAppSuppressions).toEqual([]);
  const sent = await send(tenant);
  expect(sent.errors).toBeUndefined();
  expect(graphSends(tenant)).toBe(1);
});

test('a text that only mentions a keyword is a conversation, not an opt-out', async () => {
  const tenant = await routedTenant();
  await customerWrites(tenant, 'please stop the delivery for today');
  expect((await list(tenant, tenant.token)).data!.whatsAppSuppressions).toEqual([]);
  expect((await send(tenant)).errors).toBeUndefined();
});

test('the owner adds and removes an opt-out through GraphQL', async () => {
  const tenant = await routedTenant();
  await customerWrites(tenant, 'Olá');

  const added = await postGraphQL(app.graphqlUrl, AddWhatsAppSuppressionDocument, {
    authorization: tenant.token,
    variables: { credentialId: tenant.credentialId, customer: CUSTOMER, reason: 'Asked by phone not to be contacted' },
  });
  expect(added.errors).toBeUndefined();
  expect(added.data!.addWhatsAppSuppression).toMatchObject({ customerWaId: CUSTOMER_WA_ID, source: 'MANUAL', reason: 'Asked by phone not to be contacted' });
  // Adding again changes nothing.
  const again = await postGraphQL(app.graphqlUrl, AddWhatsAppSuppressionDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId, customer: CUSTOMER } });
  expect(again.data!.addWhatsAppSuppression.id).toBe(added.data!.addWhatsAppSuppression.id);

  expect(codeOf(await send(tenant))).toBe('RECIPIENT_OPTED_OUT');
  expect(graphSends(tenant)).toBe(0);

  const removed = await postGraphQL(app.graphqlUrl, RemoveWhatsAppSuppressionDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId, customer: CUSTOMER } });
  expect(removed.data!.removeWhatsAppSuppression).toBe(true);
  const removedAgain = await postGraphQL(app.graphqlUrl, RemoveWhatsAppSuppressionDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId, customer: CUSTOMER } });
  expect(removedAgain.data!.removeWhatsAppSuppression).toBe(false);
  expect((await send(tenant)).errors).toBeUndefined();
  expect(graphSends(tenant)).toBe(1);
});

test('another user can neither read nor change a number\'s opt-outs', async () => {
  const tenant = await routedTenant();
  await customerWrites(tenant, 'STOP');
  const stranger = await app.tokenFor(randomUUID());

  expect(codeOf(await list(tenant, stranger))).toBe('NOT_FOUND');
  const add = await postGraphQL(app.graphqlUrl, AddWhatsAppSuppressionDocument, { authorization: stranger, variables: { credentialId: tenant.credentialId, customer: '+5511900000000' } });
  expect(codeOf(add)).toBe('NOT_FOUND');
  const remove = await postGraphQL(app.graphqlUrl, RemoveWhatsAppSuppressionDocument, { authorization: stranger, variables: { credentialId: tenant.credentialId, customer: CUSTOMER } });
  expect(codeOf(remove)).toBe('NOT_FOUND');
  expect((await list(tenant, tenant.token)).data!.whatsAppSuppressions).toHaveLength(1);
});

test('Meta\'s 131050 refusal adds the customer, and the next send never reaches Meta', async () => {
  const tenant = await routedTenant();
  await customerWrites(tenant, 'Olá');
  running.sandbox.failNext(1, { code: 131050, message: 'Unable to deliver the message', details: 'The user has stopped marketing messages' }, { pathIncludes: '/messages' });
  const calls = () => running.sandbox.requests().filter((r) => r.method === 'POST' && r.path.includes(tenant.account.phoneNumberId) && r.path.endsWith('/messages')).length;

  const first = await send(tenant);
  expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'RECIPIENT_OPTED_OUT', reason: '131050' });
  expect((await list(tenant, tenant.token)).data!.whatsAppSuppressions).toEqual([expect.objectContaining({ source: 'META_131050', customerWaId: CUSTOMER_WA_ID })]);

  const before = calls();
  expect(codeOf(await send(tenant))).toBe('RECIPIENT_OPTED_OUT');
  expect(calls()).toBe(before);
});

test('erasing the user deletes their numbers\' opt-outs, and only theirs', async () => {
  const tenant = await routedTenant();
  const bystander = await routedTenant();
  await customerWrites(tenant, 'STOP');
  await customerWrites(bystander, 'STOP');

  const host = await app.tokenFor(newUserId(), ['host-service']);
  const erased = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: host, variables: { userId: tenant.userId } });
  expect(erased.errors).toBeUndefined();
  const em = app.orm.em.fork();
  expect(await em.count(WhatsAppSuppression, { credentialId: tenant.credentialId })).toBe(0);
  expect(await em.count(WhatsAppSuppression, { credentialId: bystander.credentialId })).toBe(1);
});
