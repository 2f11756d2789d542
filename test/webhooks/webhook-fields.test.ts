import type { RunningSandbox } from '../../src/adapters/sandbox';
import { WEBHOOK_FIELDS_USED } from '../../src/adapters/whatsapp';
import { WebhookStatus } from '../../src/webhooks';
import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { AuditEntry } from '../../src/audit';
import { CredentialStatus, CredentialStatusReason, WhatsAppCredential } from '../../src/credentials';
import { InboundDeadLetter } from '../../src/webhooks';
import { WhatsAppCall } from '../../src/webhooks/whatsapp-call.entity';
import {
  ConnectCredentialDocument,
  CredentialAccountAlertsDocument,
  MyCredentialWebhooksDocument,
  SendWhatsAppMessageDocument,
  SyncWhatsAppTemplatesDocument,
  WhatsAppCallChangedDocument,
  WhatsAppMarketingSuppressionsDocument,
  type CredentialAccountAlertsSubscription,
  type WhatsAppCallChangedSubscription,
} from '../generated/graphql';
import { createDeferred } from '../support/deferred';
import { connectSubscriptions } from '../support/subscription-client';
import { postGraphQL } from '../support/graphql-http';
import { newUserId, type TestApp } from '../support/start-test-app';
import { addTenant, configureNow, endpointOf, eventually, settled, startAppOn, startSandboxForTest, type Tenant } from './webhook-kit';

let running: RunningSandbox;
let app: TestApp;

beforeAll(async () => {
  running = await startSandboxForTest();
  app = await startAppOn(running);
});

describe('the app\'s webhook fields', () => {
  it('connecting says which fields the plugin subscribes to, and configuring subscribes the app to them at Meta', async () => {
    const account = running.sandbox.createAccount();
    expect(running.sandbox.appFields(account.appId)).toEqual(['messages']);
    const userId = newUserId();
    const authorization = await app.tokenFor(userId);
    const connected = await postGraphQL(app.graphqlUrl, ConnectCredentialDocument, {
      authorization,
      variables: { input: { accessToken: account.tokens.valid, appSecret: account.appSecret, businessAccountId: account.wabaId, phoneNumberId: account.phoneNumberId } },
    });
    expect(connected.errors).toBeUndefined();
    expect(connected.data!.connectWhatsAppCredential.subscribedWebhookFields).toEqual([...WEBHOOK_FIELDS_USED]);

    const credentialId = connected.data!.connectWhatsAppCredential.credential.id;
    const endpoint = await eventually(() => endpointOf(app, credentialId), (e) => e.status !== WebhookStatus.PENDING);
    expect(endpoint.status).toBe(WebhookStatus.ACTIVE);
    // Meta now sends every used field of this app, and the app's callback (where Meta sends what it never
    // overrides: templates, quality, account) is this endpoint.
    expect(running.sandbox.appFields(account.appId)).toEqual(expect.arrayContaining([...WEBHOOK_FIELDS_USED]));
    const seen = await postGraphQL(app.graphqlUrl, MyCredentialWebhooksDocument, { authorization });
    expect(seen.data!.whatsAppCredentials[0]!.webhook).toMatchObject({ subscribedFields: expect.arrayContaining([...WEBHOOK_FIELDS_USED]), fieldsNote: null });
    const quality = await running.sandbox.setPhoneQuality(account.phoneNumberId, { event: 'ONBOARDING', messagingLimit: 'TIER_2K' });
    expect(quality).toMatchObject({ status: 200, url: endpoint.webhookUrl });
  });

  it('keeps the app\'s other fields when it adds its own', async () => {
    const account = running.sandbox.createAccount();
    const tenant = await addTenant(app, running, account);
    const first = await configureNow(app, tenant.credentialId);
    running.sandbox.setAppCallbackUrl(account.appId, first.webhookUrl);
    // The owner ticked one more field in the App Dashboard since.
    await app.services.whatsapp.setAppSubscription(account.appId, account.appSecret, { callbackUrl: first.webhookUrl, verifyToken: tenant.verifyToken, fields: ['messages', 'security'] });

    const endpoint = await configureNow(app, tenant.credentialId);
    expect(endpoint.subscribedFields).toEqual(expect.arrayContaining(['security', ...WEBHOOK_FIELDS_USED]));
    expect(endpoint.fieldsNote).toBeNull();
  });

  it('leaves an app whose callback URL points elsewhere alone, and says what does not arrive', async () => {
    const account = running.sandbox.createAccount();
    running.sandbox.setAppCallbackUrl(account.appId, 'https://other-integration.example/hook');
    const tenant = await addTenant(app, running, account);
    const since = running.sandbox.requests().length;

    const endpoint = await configureNow(app, tenant.credentialId);
    // The number's own traffic is routed here by its override; only the app-level fields are missing.
    expect(endpoint.status).toBe(WebhookStatus.ACTIVE);
    expect(endpoint.subscribedFields).toEqual(['messages']);
    expect(endpoint.fieldsNote).toContain('other-integration.example');
    expect(endpoint.fieldsNote).toContain('phone_number_quality_update');
    expect(running.sandbox.requests().slice(since).some((r) => r.method === 'POST' && r.path.endsWith(`${account.appId}/subscriptions`))).toBe(false);
    expect(running.sandbox.appFields(account.appId)).toEqual(['messages']);
  });
});

/** A tenant whose app was subscribed by the plugin (so account-level fields reach its endpoint). */
async function subscribedTenant(): Promise<Tenant & { token: string }> {
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  return { ...tenant, token: await app.tokenFor(tenant.userId) };
}

/** The owner's credential-health subscription, on a real graphql-ws client. */
async function healthFeed(token: string) {
  const events: Array<CredentialAccountAlertsSubscription['whatsAppCredentialHealthChanged']> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const { client } = connectSubscriptions(app.subscriptionsUrl, token);
  const connected = createDeferred<void>();
  client.on('connected', () => connected.resolve());
  client.subscribe<CredentialAccountAlertsSubscription>(
    { query: print(CredentialAccountAlertsDocument) },
    {
      next: (value) => {
        events.push(value.data!.whatsAppCredentialHealthChanged);
        for (const waiter of waiters.filter((w) => events.length >= w.count)) waiter.resolve();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await connected.promise;
  return { events, count: (count: number) => (events.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))) };
}

function send(tenant: Tenant & { token: string }, content: Record<string, unknown> = { text: { body: 'Olá' } }) {
  return postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: tenant.token,
    variables: { input: { credentialId: tenant.credentialId, to: '+5511987654321', idempotencyKey: randomUUID(), ...content } } as never,
  });
}

describe('account_update', () => {
  it('warns of a scheduled ban, blocks sends while Meta bans the account, and lifts the block on reinstatement', async () => {
    const tenant = await subscribedTenant();
    const feed = await healthFeed(tenant.token);
    const credential = () => app.orm.em.fork().findOneOrFail(WhatsAppCredential, { id: tenant.credentialId });
    const { wabaId, phoneNumberId } = tenant.account;
    // The customer writes first, so only the account decides whether a reply may go out.
    let done = settled(app);
    await running.sandbox.deliverInboundMessage({ phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'Oi' } });
    await done;

    done = settled(app);
    expect(await running.sandbox.updateAccount(wabaId, { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'SCHEDULE_FOR_DISABLE', waba_ban_date: 'March 3, 2027' } })).toMatchObject({ status: 200 });
    await done;
    await feed.count(1);
    expect(feed.events[0]).toMatchObject({ credentialId: tenant.credentialId, status: 'ACTIVE', warning: 'ACCOUNT_DISABLE_SCHEDULED', warningMessage: expect.stringContaining('March 3, 2027') });
    expect((await credential()).status).toBe(CredentialStatus.ACTIVE);

    done = settled(app);
    await running.sandbox.updateAccount(wabaId, { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'DISABLE' } });
    await done;
    await feed.count(2);
    expect(feed.events[1]).toMatchObject({ previousStatus: 'ACTIVE', status: 'SUSPENDED', reason: 'ACCOUNT_RESTRICTED' });
    expect(await credential()).toMatchObject({ status: CredentialStatus.SUSPENDED, statusReason: CredentialStatusReason.ACCOUNT_RESTRICTED });
    const sendsBefore = running.sandbox.sentMessages(phoneNumberId).length;
    const refused = await send(tenant);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_UNAVAILABLE', reason: 'ACCOUNT_RESTRICTED' });
    expect(running.sandbox.sentMessages(phoneNumberId)).toHaveLength(sendsBefore);

    done = settled(app);
    await running.sandbox.updateAccount(wabaId, { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'REINSTATE' } });
    await done;
    await feed.count(3);
    expect(feed.events[2]).toMatchObject({ previousStatus: 'SUSPENDED', status: 'ACTIVE', reason: 'NONE' });
    expect((await send(tenant)).errors).toBeUndefined();

    const audits = await app.orm.em.fork().find(AuditEntry, { action: 'credential.account_update', targetId: tenant.credentialId }, { orderBy: { occurredAt: 'asc' } });
    expect(audits.map((a) => a.details)).toEqual([
      expect.objectContaining({ event: 'DISABLED_UPDATE', effect: 'warn', banState: 'SCHEDULE_FOR_DISABLE' }),
      expect.objectContaining({ event: 'DISABLED_UPDATE', effect: 'block', banState: 'DISABLE' }),
      expect.objectContaining({ event: 'DISABLED_UPDATE', effect: 'lift', banState: 'REINSTATE' }),
    ]);
  });

  it('a messaging restriction blocks until Meta lifts it; verification is recorded; a malformed update is dead-lettered', async () => {
    const tenant = await subscribedTenant();
    const { wabaId } = tenant.account;
    const credential = () => app.orm.em.fork().findOneOrFail(WhatsAppCredential, { id: tenant.credentialId });
    const expiration = Math.floor(Date.now() / 1000) + 86_400;

    let done = settled(app);
    await running.sandbox.updateAccount(wabaId, { event: 'ACCOUNT_RESTRICTION', restriction_info: [{ restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration }] });
    await done;
    expect(await credential()).toMatchObject({ status: CredentialStatus.SUSPENDED, statusReason: CredentialStatusReason.ACCOUNT_RESTRICTED, statusMessage: expect.stringContaining('RESTRICTED_BIZ_INITIATED_MESSAGING') });

    done = settled(app);
    await running.sandbox.updateAccount(wabaId, { event: 'ACCOUNT_RESTRICTION', restriction_info: [] });
    await done;
    expect((await credential()).status).toBe(CredentialStatus.ACTIVE);

    done = settled(app);
    await running.sandbox.updateAccount(wabaId, { event: 'VERIFIED_ACCOUNT', phone_number: tenant.account.displayPhoneNumber });
    expect((await done)[0]).toMatchObject({ outcome: 'processed', counts: { rejectedChanges: 0 } });
    expect(await app.orm.em.fork().findOne(AuditEntry, { action: 'credential.account_update', targetId: tenant.credentialId, details: { event: 'VERIFIED_ACCOUNT' } })).toMatchObject({ details: { effect: 'record' } });

    done = settled(app);
    await running.sandbox.updateAccount(wabaId, { event: '' });
    expect((await done)[0]).toMatchObject({ outcome: 'processed_with_rejections', counts: { deadLettered: 1 } });
    const letters = await app.orm.em.fork().find(InboundDeadLetter, { credentialId: tenant.credentialId });
    expect(letters.map((l) => l.reason)).toEqual(['malformed_change']);
  });
});

describe('user_preferences', () => {
  it('a customer who stops marketing gets no marketing template (other messages still go) until they resume', async () => {
    const tenant = await subscribedTenant();
    const { wabaId, phoneNumberId } = tenant.account;
    running.sandbox.addTemplate(wabaId, { name: 'promo', category: 'MARKETING', components: [{ type: 'BODY', text: 'Promoção!' }] });
    running.sandbox.addTemplate(wabaId, { name: 'order_update', category: 'UTILITY', components: [{ type: 'BODY', text: 'Pedido a caminho' }] });
    expect((await postGraphQL(app.graphqlUrl, SyncWhatsAppTemplatesDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } })).errors).toBeUndefined();
    const template = (name: string) => ({ template: { name, languageCode: 'en_US' } });
    let done = settled(app);
    await running.sandbox.deliverInboundMessage({ phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'Oi' } });
    await done;

    done = settled(app);
    expect(await running.sandbox.setMarketingPreference(phoneNumberId, '5511987654321', 'stop')).toMatchObject({ status: 200 });
    expect((await done)[0]).toMatchObject({ outcome: 'processed', counts: { deadLettered: 0 } });
    const list = await postGraphQL(app.graphqlUrl, WhatsAppMarketingSuppressionsDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } });
    expect(list.data!.whatsAppSuppressions).toEqual([{ customerWaId: '5511987654321', source: 'META_USER_PREFERENCES', marketingOnly: true }]);

    const sendsBefore = running.sandbox.sentMessages(phoneNumberId).length;
    const refused = await send(tenant, template('promo'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RECIPIENT_OPTED_OUT' });
    expect(running.sandbox.sentMessages(phoneNumberId)).toHaveLength(sendsBefore);
    expect((await send(tenant, template('order_update'))).errors).toBeUndefined();
    expect((await send(tenant)).errors).toBeUndefined();

    done = settled(app);
    await running.sandbox.setMarketingPreference(phoneNumberId, '5511987654321', 'resume');
    await done;
    expect((await postGraphQL(app.graphqlUrl, WhatsAppMarketingSuppressionsDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } })).data!.whatsAppSuppressions).toEqual([]);
    expect((await send(tenant, template('promo'))).errors).toBeUndefined();
    expect(running.sandbox.sentMessages(phoneNumberId)).toHaveLength(sendsBefore + 3);
  });

  it('a STOP keyword after a marketing stop refuses every send; a malformed preference is dead-lettered', async () => {
    const tenant = await subscribedTenant();
    const { phoneNumberId } = tenant.account;
    let done = settled(app);
    await running.sandbox.setMarketingPreference(phoneNumberId, '5511987654321', 'stop');
    await done;
    done = settled(app);
    await running.sandbox.deliverInboundMessage({ phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'STOP' } });
    await done;
    const list = await postGraphQL(app.graphqlUrl, WhatsAppMarketingSuppressionsDocument, { authorization: tenant.token, variables: { credentialId: tenant.credentialId } });
    expect(list.data!.whatsAppSuppressions).toEqual([{ customerWaId: '5511987654321', source: 'KEYWORD', marketingOnly: false }]);
    expect((await send(tenant)).errors?.[0]?.extensions).toMatchObject({ code: 'RECIPIENT_OPTED_OUT' });

    done = settled(app);
    await running.sandbox.deliverRaw(
      { object: 'whatsapp_business_account', entry: [{ id: tenant.account.wabaId, changes: [{ field: 'user_preferences', value: { metadata: { phone_number_id: phoneNumberId }, user_preferences: [{ category: 'marketing_messages', value: 'stop' }] } }] }] },
      { phoneNumberId, url: (await endpointOf(app, tenant.credentialId)).webhookUrl },
    );
    expect((await done)[0]).toMatchObject({ outcome: 'processed_with_rejections', counts: { deadLettered: 1 } });
  });
});

describe('calls', () => {
  it('a customer\'s call is recorded and its owner hears when it starts and ends', async () => {
    const tenant = await subscribedTenant();
    const { phoneNumberId } = tenant.account;
    const events: Array<WhatsAppCallChangedSubscription['whatsAppCallChanged']> = [];
    const one = createDeferred<void>();
    const two = createDeferred<void>();
    const three = createDeferred<void>();
    const { client } = connectSubscriptions(app.subscriptionsUrl, tenant.token);
    const connected = createDeferred<void>();
    client.on('connected', () => connected.resolve());
    client.subscribe<WhatsAppCallChangedSubscription>({ query: print(WhatsAppCallChangedDocument) }, {
      next: (value) => {
        events.push(value.data!.whatsAppCallChanged);
        if (events.length === 1) one.resolve();
        if (events.length === 2) two.resolve();
        if (events.length === 3) three.resolve();
      },
      error: (err) => two.reject(err),
      complete: () => undefined,
    });
    await connected.promise;

    const ringing = await running.sandbox.deliverCall({ phoneNumberId, from: '5511987654321', event: 'connect' });
    expect(ringing.status).toBe(200);
    // The event carries the call as it is when read: wait for the ringing one before it ends.
    await one.promise;
    await running.sandbox.deliverCall({ phoneNumberId, from: '5511987654321', event: 'terminate', callId: ringing.callId, status: 'COMPLETED', durationSeconds: 42 });
    await two.promise;
    expect(events[0]).toMatchObject({ credentialId: tenant.credentialId, callId: ringing.callId, customerWaId: '5511987654321', direction: 'USER_INITIATED', lastEvent: 'connect', status: null, endedAt: null });
    expect(events[1]).toMatchObject({ id: events[0]!.id, lastEvent: 'terminate', status: 'COMPLETED', durationSeconds: 42, endedAt: expect.any(String) });

    // Meta delivers the connect again, late: what is known of the end stays.
    const done = settled(app);
    await running.sandbox.deliverCall({ phoneNumberId, from: '5511987654321', event: 'connect', callId: ringing.callId });
    await done;
    expect(await app.orm.em.fork().findOneOrFail(WhatsAppCall, { callId: ringing.callId })).toMatchObject({ lastEvent: 'terminate', status: 'COMPLETED', durationSeconds: 42 });
    // It changed nothing, so it was not announced: the next event (events keep their order) is a new call.
    const next = await running.sandbox.deliverCall({ phoneNumberId, from: '5511987654321', event: 'connect' });
    await three.promise;
    expect(events[2]).toMatchObject({ callId: next.callId, lastEvent: 'connect' });
  });
});

it('malformed echoes and calls are dead-lettered, other numbers\' are ignored, and nothing else of the delivery is lost', async () => {
  const tenant = await subscribedTenant();
  const { wabaId, phoneNumberId } = tenant.account;
  const url = (await endpointOf(app, tenant.credentialId)).webhookUrl;
  const metadata = { display_phone_number: '15550001111', phone_number_id: phoneNumberId };
  const done = settled(app);
  await running.sandbox.deliverRaw(
    {
      object: 'whatsapp_business_account',
      entry: [{
        id: wabaId,
        changes: [
          { field: 'smb_message_echoes', value: { messaging_product: 'whatsapp', metadata, message_echoes: [{ from: '15550001111', id: 'wamid.x', timestamp: '1', type: 'text' }] } },
          { field: 'calls', value: { messaging_product: 'whatsapp', metadata, calls: [{ from: '5511987654321', event: 'connect', timestamp: '1' }] } },
          { field: 'calls', value: { messaging_product: 'whatsapp', metadata: { ...metadata, phone_number_id: '999999' }, calls: [] } },
          { field: 'messages', value: { messaging_product: 'whatsapp', metadata, messages: [{ from: '5511987654321', id: 'wamid.kept', timestamp: '1', type: 'text', text: { body: 'ainda aqui' } }] } },
        ],
      }],
    },
    { phoneNumberId, url },
  );
  expect((await done)[0]).toMatchObject({ outcome: 'processed_with_rejections', counts: { messages: 1, rejectedChanges: 2, ignoredChanges: 1, deadLettered: 2 } });
  const letters = await app.orm.em.fork().find(InboundDeadLetter, { credentialId: tenant.credentialId });
  expect(letters.map((l) => l.reason).sort()).toEqual(['malformed_change', 'malformed_change']);
});
