import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../../src/adapters/sandbox';
import { QueueName } from '../../src/platform/jobs';
import { requestTemplateSync, WhatsAppTemplate } from '../../src/templates';
import { SendWhatsAppMessageDocument, SyncWhatsAppTemplatesDocument, WhatsAppTemplatesDocument } from '../generated/graphql';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import { addTenant, configureNow, settled, startAppOn, startSandboxForTest, type Tenant } from '../webhooks/webhook-kit';

const CUSTOMER = '+5511987654321';

let running: RunningSandbox;
let app: TestApp;

beforeAll(async () => {
  running = await startSandboxForTest();
  app = await startAppOn(running);
});

const ORDER_SHIPPED = [
  { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://cdn.example.com/h.jpg'] } },
  { type: 'BODY', text: 'Olá {{1}}, a sua encomenda {{2}} foi enviada.' },
  { type: 'FOOTER', text: 'Loja Exemplo' },
  { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Seguir', url: 'https://shop.example.com/track?o={{1}}' }, { type: 'QUICK_REPLY', text: 'Parar' }] },
];

const ORDER_SHIPPED_EDITED = [
  ORDER_SHIPPED[0]!,
  { type: 'BODY', text: 'Olá {{1}}, a sua encomenda {{2}} chega {{3}}.', example: { body_text: [['Ana', '123', 'amanhã']] } },
  { type: 'FOOTER', text: 'Loja Exemplo 2' },
  { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Parar' }] },
];

type RoutedTenant = Tenant & { token: string };

/** A tenant Meta routes to us, whose app callback (template webhooks) is our endpoint too. */
async function routedTenant(): Promise<RoutedTenant> {
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  running.sandbox.setAppCallbackUrl(tenant.account.appId, running.sandbox.routedCallbackUrl(tenant.account.phoneNumberId));
  return { ...tenant, token: await app.tokenFor(tenant.userId) };
}

function syncNow(tenant: RoutedTenant) {
  return postGraphQL(app.graphqlUrl, SyncWhatsAppTemplatesDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } });
}

function sendTemplate(tenant: RoutedTenant, template: Record<string, unknown>) {
  return postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: tenant.token,
    variables: { input: { credentialId: tenant.credentialId, to: CUSTOMER, idempotencyKey: randomUUID(), template } } as never,
  });
}

const templateCalls = (tenant: Tenant) => running.sandbox.requests().filter((r) => r.path.endsWith(`${tenant.account.wabaId}/message_templates`)).length;
const messageCalls = (tenant: Tenant) =>
  running.sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`${tenant.account.phoneNumberId}/messages`)).length;

async function storedComponents(tenant: RoutedTenant, name: string, language: string) {
  const row = await app.orm.em.fork().findOneOrFail(WhatsAppTemplate, { credentialId: tenant.credentialId, name, language });
  return row.components;
}

async function syncJobs(credentialId: string): Promise<Array<{ state: string; waitSeconds: number }>> {
  const schema = `${app.services.config.database.schema}_jobs`;
  return app.orm.em.getConnection().execute(
    `select state, extract(epoch from start_after - now())::float8 as "waitSeconds" from "${schema}".job where name = ? and data->>'credentialId' = ? order by created_on`,
    [QueueName.TemplateSync, credentialId],
  );
}

test('a components webhook rewrites the stored components at once, and a queued sync makes them exact', async () => {
  const tenant = await routedTenant();
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'order_shipped', language: 'pt_BR', components: ORDER_SHIPPED });
  expect((await syncNow(tenant)).errors).toBeUndefined();
  const callsBefore = templateCalls(tenant);

  // The sync the webhook queues is held at Meta, so what is read next is the webhook's own work.
  const held = running.sandbox.holdNext({ pathIncludes: `${tenant.account.wabaId}/message_templates` });
  const processed = settled(app);
  const delivery = await running.sandbox.editTemplate(tenant.account.wabaId, 'order_shipped', 'pt_BR', ORDER_SHIPPED_EDITED);
  expect(delivery.status).toBe(200);
  expect((await processed)[0]!.outcome).toBe('processed');

  expect(await storedComponents(tenant, 'order_shipped', 'pt_BR')).toEqual([
    // The webhook names no media header: the stored one is kept.
    ORDER_SHIPPED[0],
    { type: 'BODY', text: 'Olá {{1}}, a sua encomenda {{2}} chega {{3}}.' },
    { type: 'FOOTER', text: 'Loja Exemplo 2' },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Parar' }] },
  ]);
  // Sends are checked against the edit: the old parameter count is refused before Meta, the new one goes.
  const header = { type: 'HEADER', parameters: [{ type: 'IMAGE', link: 'https://cdn.example.com/box.jpg' }] };
  const body = (n: number) => ({ type: 'BODY', parameters: Array.from({ length: n }, (_, i) => ({ type: 'TEXT', text: `v${i}` })) });
  const stale = await sendTemplate(tenant, { name: 'order_shipped', languageCode: 'pt_BR', components: [header, body(2)] });
  expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID' });
  expect(messageCalls(tenant)).toBe(0);
  const fresh = await sendTemplate(tenant, { name: 'order_shipped', languageCode: 'pt_BR', components: [header, body(3)] });
  expect(fresh.errors).toBeUndefined();
  expect(messageCalls(tenant)).toBe(1);

  await held.arrived;
  held.release();
  // The queued sync brings what the webhook leaves out (the body's example).
  const synced = await eventually(() => storedComponents(tenant, 'order_shipped', 'pt_BR'), (c) => c?.[1]?.example !== undefined, 20_000, 'the sync after the edit');
  expect(synced).toEqual(ORDER_SHIPPED_EDITED);
  expect(templateCalls(tenant)).toBe(callsBefore + 1);
});

test('on-demand syncs past the account\'s budget are refused with the wait, and nothing more reaches Meta', async () => {
  const tenant = await routedTenant();
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'hello', components: [{ type: 'BODY', text: 'Olá {{1}}' }] });
  const outcomes: Array<{ ok: boolean; extensions?: Record<string, unknown>; calls: number }> = [];
  for (let i = 0; i < 14; i++) {
    const result = await syncNow(tenant);
    outcomes.push({ ok: !result.errors, extensions: result.errors?.[0]?.extensions as Record<string, unknown> | undefined, calls: templateCalls(tenant) });
  }
  const firstRefused = outcomes.findIndex((o) => !o.ok);
  // A burst of ten pages an account, then one every 36 s.
  expect(firstRefused).toBe(10);
  for (const refused of outcomes.slice(firstRefused)) {
    expect(refused.ok).toBe(false);
    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.calls).toBe(10);
  }

  // Another number on the same business account shares the budget: its first sync is refused too.
  const phone = running.sandbox.addPhoneNumber(tenant.account.wabaId);
  const sibling = await addTenant(app, running, { ...tenant.account, ...phone });
  const siblingSync = await syncNow({ ...sibling, token: await app.tokenFor(sibling.userId) });
  expect(siblingSync.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  expect(templateCalls(tenant)).toBe(10);

  // A queued sync over the budget puts itself off until the budget allows it, spending no retry.
  await requestTemplateSync(app.services.jobs, sibling.credentialId);
  const jobs = await eventually(() => syncJobs(sibling.credentialId), (rows) => rows.length === 2 && rows[0]!.state === 'completed', 20_000, 'the deferred sync');
  expect(jobs[0]!.state).toBe('completed');
  expect(jobs[1]).toMatchObject({ state: 'created' });
  expect(jobs[1]!.waitSeconds).toBeGreaterThan(1);
  expect(templateCalls(tenant)).toBe(10);
});

test('a throttled sync (80008) is retried later by the queue, and nothing is lost', async () => {
  const tenant = await routedTenant();
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'hello', components: [{ type: 'BODY', text: 'Olá {{1}}' }] });
  running.sandbox.failNext(1, { code: 80008, message: 'There have been too many calls to this WhatsApp Business account.' }, { pathIncludes: '/message_templates' });

  await requestTemplateSync(app.services.jobs, tenant.credentialId);
  const [retrying] = await eventually(() => syncJobs(tenant.credentialId), (jobs) => jobs[0]?.state === 'retry', 20_000, 'the throttled sync to be set to retry');
  // Backed off by the queue (a minute, then longer), not tried again at once.
  expect(retrying!.waitSeconds).toBeGreaterThan(30);
  expect(templateCalls(tenant)).toBe(1);
  // Meta's throttle emptied the account's budget: an on-demand sync meanwhile does not call Meta.
  const meanwhile = await syncNow(tenant);
  expect(meanwhile.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  expect(templateCalls(tenant)).toBe(1);

  // The wait passes: the same job runs again and the templates arrive.
  const schema = `${app.services.config.database.schema}_jobs`;
  await app.orm.em.getConnection().execute(`delete from "${app.services.config.database.schema}".rate_limit_buckets where key = ?`, [`waba:${tenant.account.wabaId}`]);
  await app.orm.em.getConnection().execute(`update "${schema}".job set start_after = now() where name = ? and data->>'credentialId' = ? and state = 'retry'`, [QueueName.TemplateSync, tenant.credentialId]);
  await eventually(() => syncJobs(tenant.credentialId), (jobs) => jobs[0]?.state === 'completed', 20_000, 'the retried sync to complete');
  const list = await postGraphQL(app.graphqlUrl, WhatsAppTemplatesDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } });
  expect(list.data!.whatsAppTemplates.nodes.map((t) => t.name)).toEqual(['hello']);
  expect(templateCalls(tenant)).toBe(2);
});
