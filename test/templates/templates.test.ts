import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import type { RunningSandbox } from '../../src/adapters/sandbox';
import {
  CredentialQualityWarningsDocument,
  SendWhatsAppMessageDocument,
  SyncWhatsAppTemplatesDocument,
  WhatsAppTemplatesDocument,
  WhatsAppTemplateStatusChangedDocument,
  type CredentialQualityWarningsSubscription,
  type WhatsAppTemplatesQuery,
} from '../generated/graphql';
import { AuditEntry } from '../../src/audit';
import { checkCredentialHealth, WhatsAppCredential } from '../../src/credentials';
import { createDeferred } from '../support/deferred';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-http';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';
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

/** A tenant Meta routes to us, whose app callback (template and quality webhooks) is our endpoint too. */
async function routedTenant(): Promise<Tenant & { token: string }> {
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  running.sandbox.setAppCallbackUrl(tenant.account.appId, running.sandbox.routedCallbackUrl(tenant.account.phoneNumberId));
  return { ...tenant, token: await app.tokenFor(tenant.userId) };
}

async function sync(tenant: Tenant & { token: string }) {
  const result = await postGraphQL(app.graphqlUrl, SyncWhatsAppTemplatesDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } });
  expect(result.errors).toBeUndefined();
  return result.data!.syncWhatsAppTemplates;
}

function sendTemplate(tenant: Tenant & { token: string }, template: Record<string, unknown>) {
  return postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: tenant.token,
    variables: { input: { credentialId: tenant.credentialId, to: CUSTOMER, idempotencyKey: randomUUID(), template } } as never,
  });
}

const messageCalls = (tenant: Tenant) =>
  running.sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`${tenant.account.phoneNumberId}/messages`)).length;

test('a sync reads every page of the account\'s templates; the owner pages through them, nobody else sees them', async () => {
  const tenant = await routedTenant();
  for (let i = 0; i < 105; i++) running.sandbox.addTemplate(tenant.account.wabaId, { name: `promo_${String(i).padStart(3, '0')}`, components: [{ type: 'BODY', text: 'Oferta {{1}}' }] });
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'promo_000', language: 'pt_BR', status: 'REJECTED', components: [{ type: 'BODY', text: 'Oferta' }] });

  expect(await sync(tenant)).toMatchObject({ credentialId: tenant.credentialId, templateCount: 106, removedCount: 0 });
  // More than one page at Meta: the walk followed the cursor.
  expect(running.sandbox.requests().filter((r) => r.path.endsWith(`${tenant.account.wabaId}/message_templates`)).length).toBeGreaterThanOrEqual(2);

  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: WhatsAppTemplatesQuery = (await postGraphQL(app.graphqlUrl, WhatsAppTemplatesDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId, first: 40, after } })).data!;
    seen.push(...page.whatsAppTemplates.nodes.map((t) => `${t.name}/${t.language}`));
    after = page.whatsAppTemplates.pageInfo.hasNextPage ? (page.whatsAppTemplates.pageInfo.endCursor ?? null) : null;
  } while (after);
  expect(seen).toHaveLength(106);
  expect(seen.slice(0, 2)).toEqual(['promo_000/en_US', 'promo_000/pt_BR']);

  const rejected = await postGraphQL(app.graphqlUrl, WhatsAppTemplatesDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId, status: 'REJECTED' } });
  expect(rejected.data!.whatsAppTemplates.nodes).toEqual([expect.objectContaining({ name: 'promo_000', language: 'pt_BR', status: 'REJECTED', components: [{ type: 'BODY', text: 'Oferta' }] })]);

  const stranger = await postGraphQL(app.graphqlUrl, WhatsAppTemplatesDocument, { authorization: await app.tokenFor(randomUUID()), variables: { credentialId: tenant.credentialId } });
  expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});

test('a template send that does not match the synced template is refused before any call to Meta', async () => {
  const tenant = await routedTenant();
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'order_shipped', language: 'pt_BR', components: ORDER_SHIPPED });
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'welcome_named', parameter_format: 'NAMED', components: [{ type: 'BODY', text: 'Hi {{first_name}}!' }] });
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'old_offer', status: 'PAUSED', components: [{ type: 'BODY', text: 'Old' }] });
  await sync(tenant);

  const header = { type: 'HEADER', parameters: [{ type: 'IMAGE', link: 'https://cdn.example.com/box.jpg' }] };
  const button = { type: 'BUTTON', subType: 'URL', index: 0, parameters: [{ type: 'TEXT', text: 'A-1234' }] };
  const body = (...texts: string[]) => ({ type: 'BODY', parameters: texts.map((text) => ({ type: 'TEXT', text })) });
  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['one body parameter short', { name: 'order_shipped', languageCode: 'pt_BR', components: [header, body('Ana'), button] }, 'TEMPLATE_PARAMETERS_INVALID'],
    ['the URL button parameter missing', { name: 'order_shipped', languageCode: 'pt_BR', components: [header, body('Ana', 'A-1234')] }, 'TEMPLATE_PARAMETERS_INVALID'],
    ['the image header missing', { name: 'order_shipped', languageCode: 'pt_BR', components: [body('Ana', 'A-1234'), button] }, 'TEMPLATE_PARAMETERS_INVALID'],
    ['a positional parameter for a named template', { name: 'welcome_named', languageCode: 'en_US', components: [body('Ana')] }, 'TEMPLATE_PARAMETERS_INVALID'],
    ['a language the template does not have', { name: 'order_shipped', languageCode: 'en_US', components: [header, body('Ana', 'A-1234'), button] }, 'TEMPLATE_NOT_APPROVED'],
    ['a paused template', { name: 'old_offer', languageCode: 'en_US' }, 'TEMPLATE_NOT_APPROVED'],
  ];
  for (const [why, template, code] of refusals) {
    const result = await sendTemplate(tenant, template);
    expect([why, result.errors?.[0]?.extensions?.code]).toEqual([why, code]);
  }
  expect(messageCalls(tenant)).toBe(0);

  const good = await sendTemplate(tenant, { name: 'order_shipped', languageCode: 'pt_BR', components: [header, body('Ana', 'A-1234'), button] });
  expect(good.errors).toBeUndefined();
  const named = await sendTemplate(tenant, { name: 'welcome_named', languageCode: 'en_US', components: [{ type: 'BODY', parameters: [{ type: 'TEXT', text: 'Ana', parameterName: 'first_name' }] }] });
  expect(named.errors).toBeUndefined();
  expect(messageCalls(tenant)).toBe(2);
});

test('a template status webhook updates the row and reaches the owner on a graphql-ws subscription', async () => {
  const tenant = await routedTenant();
  running.sandbox.addTemplate(tenant.account.wabaId, { name: 'order_shipped', language: 'pt_BR', components: ORDER_SHIPPED });
  await sync(tenant);
  const { client } = connectSubscriptions(app.subscriptionsUrl, tenant.token);
  const { event, ready } = firstEvent(client, WhatsAppTemplateStatusChangedDocument);
  await ready;

  const processed = settled(app);
  const delivery = await running.sandbox.setTemplateStatus(tenant.account.wabaId, 'order_shipped', 'pt_BR', 'PAUSED', 'FIRST_PAUSE');
  expect(delivery.status).toBe(200);
  expect((await processed)[0]!.outcome).toBe('processed');

  await expect(event).resolves.toEqual({
    whatsAppTemplateStatusChanged: {
      credentialId: tenant.credentialId,
      name: 'order_shipped',
      language: 'pt_BR',
      previousStatus: 'APPROVED',
      status: 'PAUSED',
      reason: 'FIRST_PAUSE',
      template: expect.objectContaining({ status: 'PAUSED' }),
    },
  });
  const paused = await sendTemplate(tenant, { name: 'order_shipped', languageCode: 'pt_BR' });
  expect(paused.errors?.[0]?.extensions).toMatchObject({ code: 'TEMPLATE_NOT_APPROVED', reason: 'PAUSED' });
  expect(messageCalls(tenant)).toBe(0);
});

test('a RED quality webhook warns the owner on a graphql-ws subscription and the number keeps sending', async () => {
  const tenant = await routedTenant();
  const { client } = connectSubscriptions(app.subscriptionsUrl, tenant.token);
  const warnings: CredentialQualityWarningsSubscription['credentialHealthChanged'][] = [];
  const both = createDeferred<void>();
  const connected = createDeferred<void>();
  client.on('connected', () => connected.resolve());
  client.subscribe<CredentialQualityWarningsSubscription>(
    { query: print(CredentialQualityWarningsDocument) },
    {
      next: (value) => {
        if (value.errors) both.reject(new Error(JSON.stringify(value.errors)));
        warnings.push(value.data!.credentialHealthChanged);
        if (warnings.length === 2) both.resolve();
      },
      error: (err) => both.reject(err),
      complete: () => undefined,
    },
  );
  await connected.promise;

  const delivery = await running.sandbox.setPhoneQuality(tenant.account.phoneNumberId, { event: 'FLAGGED', qualityRating: 'RED' });
  expect(delivery.status).toBe(200);
  // The webhook flags the number at once; the health check it asks for reads the RED rating.
  await both.promise;
  expect(warnings).toEqual([
    expect.objectContaining({ credentialId: tenant.credentialId, previousStatus: 'ACTIVE', status: 'ACTIVE', warning: 'NUMBER_FLAGGED', credential: expect.objectContaining({ qualityFlagged: true }) }),
    expect.objectContaining({ credentialId: tenant.credentialId, previousStatus: 'ACTIVE', status: 'ACTIVE', warning: 'QUALITY_RED', credential: expect.objectContaining({ qualityRating: 'RED' }) }),
  ]);
  expect(warnings[1]!.warningMessage).toMatch(/RED/);
});

test('a lower messaging limit is a warning once; the same limit again is not', async () => {
  const tenant = await routedTenant();
  const { client } = connectSubscriptions(app.subscriptionsUrl, tenant.token);
  const { event, ready } = firstEvent(client, CredentialQualityWarningsDocument);
  await ready;
  // A known limit first (no warning: nothing was lower before), then a downgrade.
  await running.sandbox.setPhoneQuality(tenant.account.phoneNumberId, { event: 'ONBOARDING', messagingLimit: 'TIER_2K' });
  await running.sandbox.setPhoneQuality(tenant.account.phoneNumberId, { event: 'DOWNGRADE', messagingLimit: 'TIER_250' });
  await expect(event).resolves.toMatchObject({
    credentialHealthChanged: { warning: 'MESSAGING_LIMIT_DECREASED', status: 'ACTIVE', credential: { messagingLimit: 'TIER_250' } },
  });
});

test('a downgrade webhook that commits while a health check asks Meta is neither undone nor warned of twice', async () => {
  const tenant = await routedTenant();
  const stored = () => app.services.orm.em.fork().findOneOrFail(WhatsAppCredential, { id: tenant.credentialId });
  const phoneNumbers = { method: 'GET', pathIncludes: `${tenant.account.wabaId}/phone_numbers` };
  // The check has read the number (TIER_2K) and waits on its next request to Meta.
  const staleCheck = running.sandbox.holdNext(phoneNumbers);
  const checking = checkCredentialHealth(app.services, tenant.credentialId, { actor: 'system', whenUnreachable: 'count' });
  await staleCheck.arrived;
  // The check the webhook asks for is held too, so the stale one is the last to write before it.
  const freshCheck = running.sandbox.holdNext(phoneNumbers);
  const processed = settled(app);
  await running.sandbox.setPhoneQuality(tenant.account.phoneNumberId, { event: 'DOWNGRADE', messagingLimit: 'TIER_250' });
  await processed;
  expect((await stored()).messagingLimit).toBe('TIER_250');

  staleCheck.release();
  const checked = await checking;
  expect(checked).toMatchObject({ messagingLimit: 'TIER_250' });

  await freshCheck.arrived;
  freshCheck.release();
  const done = await eventually(stored, (row) => row.healthCheckedAt! > checked!.healthCheckedAt!, 20_000, 'the health check the webhook asked for');
  expect(done.messagingLimit).toBe('TIER_250');
  const warnings = await app.services.orm.em.fork().count(AuditEntry, { action: 'credential.quality_warning', targetId: tenant.credentialId });
  expect(warnings).toBe(1);
});
