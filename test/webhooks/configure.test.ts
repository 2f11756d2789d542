import { AuditEntry, AuditOutcome } from '../../src/audit';
import { readCredentialSecrets, WhatsAppCredential } from '../../src/credentials';
import { ErrorCode } from '../../src/platform/errors';
import type { RunningSandbox, SandboxAccount } from '../../src/adapters/sandbox';
import {
  configureWebhook,
  enqueueWebhookConfiguration,
  teardownWebhookConfiguration,
  WebhookRouting,
  WebhookStatus,
  type CredentialFailureSignal,
} from '../../src/webhooks';
import { DeleteCredentialDocument, MyCredentialWebhooksDocument, ReconfigureWhatsAppWebhookDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { newUserId, type TestApp } from '../support/start-test-app';
import { addTenant, endpointOf, eventually, startAppOn, startSandboxForTest, type Tenant } from './webhook-kit';

let running: RunningSandbox;
let app: TestApp;

beforeAll(async () => {
  running = await startSandboxForTest();
  app = await startAppOn(running, { WEBHOOK_CONFIGURE_ATTEMPTS: '2', WEBHOOK_CONFIGURE_RETRY_DELAY_SECONDS: '1' });
});

/** What the lead's connect mutation does: enqueue inside its transaction. */
async function enqueue(credentialId: string): Promise<void> {
  await app.orm.em.fork().transactional((em) => enqueueWebhookConfiguration(app.services.jobs, em, credentialId));
}

const settledStatus = (credentialId: string) =>
  eventually(() => endpointOf(app, credentialId), (e) => e.status !== WebhookStatus.PENDING);

function graphCalls(since: number) {
  return running.sandbox
    .requests()
    .slice(since)
    .map((r) => `${r.method} ${r.path.replace(/^\/v\d+\.\d+/, '')}`);
}

/** A second number on the same WABA and Meta app, as its own credential. */
async function sibling(account: SandboxAccount): Promise<Tenant> {
  const phone = running.sandbox.addPhoneNumber(account.wabaId);
  return addTenant(app, running, { ...account, phoneNumberId: phone.phoneNumberId, displayPhoneNumber: phone.displayPhoneNumber });
}

function direct(onCredentialFailure?: (signal: CredentialFailureSignal) => void) {
  const { whatsapp, keys, logger, publicUrls } = app.services;
  return { whatsapp, keys, logger, webhookBase: () => publicUrls.webhookBase, onCredentialFailure };
}

describe('automatic configuration', () => {
  it('subscribes the app, sets the phone override with the verify token, reads it back, and is ACTIVE', async () => {
    const tenant = await addTenant(app, running);
    const since = running.sandbox.requests().length;
    await enqueue(tenant.credentialId);
    const endpoint = await settledStatus(tenant.credentialId);

    expect(endpoint).toMatchObject({ status: WebhookStatus.ACTIVE, routing: WebhookRouting.PHONE_NUMBER_OVERRIDE, statusReason: null, configureAttempts: 1 });
    expect(endpoint.configuredAt).toBeInstanceOf(Date);
    expect(endpoint.verifiedAt).toBeInstanceOf(Date); // Meta's handshake reached us during the override call
    const { wabaId, phoneNumberId } = tenant.account;
    expect(graphCalls(since).filter((c) => !c.startsWith('GET /debug_token'))).toEqual([
      `GET /${wabaId}/subscribed_apps`,
      `POST /${wabaId}/subscribed_apps`,
      `POST /${phoneNumberId}`,
      `GET /${phoneNumberId}`,
      `GET /${wabaId}/subscribed_apps`,
      `GET /${tenant.account.appId}/subscriptions`,
      `POST /${tenant.account.appId}/subscriptions`,
      `GET /${tenant.account.appId}/subscriptions`,
    ]);
    expect(running.sandbox.routedCallbackUrl(phoneNumberId)).toBe(endpoint.webhookUrl);
    const delivered = await running.sandbox.deliverInboundMessage({ phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'chegou?' } });
    expect(delivered).toMatchObject({ status: 200, url: endpoint.webhookUrl });
    const audit = await app.orm.em.fork().findOneOrFail(AuditEntry, { action: 'webhook.configure', targetId: tenant.credentialId });
    expect(audit).toMatchObject({ outcome: 'success', details: { status: 'active', routing: 'phone_number_override' } });
  });

  it('falls back to the WABA-level override when Meta refuses the phone level', async () => {
    const tenant = await addTenant(app, running);
    const { wabaId, phoneNumberId } = tenant.account;
    running.sandbox.failNext(1, { code: 200, message: '(#200) You do not have permission to override the callback for this number' }, { method: 'POST', pathIncludes: `/${phoneNumberId}` });
    await enqueue(tenant.credentialId);
    const endpoint = await settledStatus(tenant.credentialId);
    expect(endpoint).toMatchObject({ status: WebhookStatus.ACTIVE, routing: WebhookRouting.BUSINESS_ACCOUNT_OVERRIDE });
    expect(endpoint.statusReason).toMatch(/refused the phone-number override.*business account's override is used/);
    expect(running.sandbox.routedCallbackUrl(phoneNumberId)).toBe(endpoint.webhookUrl);

    // Another number of the same WABA cannot fall back to the same override: that would steal this one's traffic.
    const second = await sibling(tenant.account);
    running.sandbox.failNext(1, { code: 200, message: '(#200) not allowed' }, { method: 'POST', pathIncludes: `/${second.account.phoneNumberId}` });
    const since = running.sandbox.requests().length;
    await enqueue(second.credentialId);
    const refused = await settledStatus(second.credentialId);
    expect(refused).toMatchObject({ status: WebhookStatus.FAILED, routing: WebhookRouting.UNKNOWN });
    expect(refused.statusReason).toMatch(/already serves another connected number/);
    // The app was already subscribed, so it was not subscribed again (a bare subscribe clears the WABA override).
    expect(graphCalls(since)).not.toContain(`POST /${wabaId}/subscribed_apps`);
    expect(running.sandbox.routedCallbackUrl(phoneNumberId)).toBe(endpoint.webhookUrl);
  });

  it('stays PENDING with the reason while a transient failure is retried, then becomes ACTIVE', async () => {
    const tenant = await addTenant(app, running);
    running.sandbox.failNext(1, { httpStatus: 503 }, { pathIncludes: 'debug_token' });
    await enqueue(tenant.credentialId);
    const pending = await eventually(() => endpointOf(app, tenant.credentialId), (e) => e.configureAttempts >= 1);
    expect(pending.status).toBe(WebhookStatus.PENDING);
    expect(pending.statusReason).toMatch(/^Checking the access token failed: WhatsApp Graph API unavailable.*Retrying\.$/);
    const endpoint = await settledStatus(tenant.credentialId);
    expect(endpoint).toMatchObject({ status: WebhookStatus.ACTIVE, configureAttempts: 2 });
  });

  it('is FAILED once the attempts run out, and says so', async () => {
    const tenant = await addTenant(app, running);
    running.sandbox.failNext(2, { httpStatus: 502 }, { pathIncludes: 'debug_token' });
    await enqueue(tenant.credentialId);
    const endpoint = await settledStatus(tenant.credentialId);
    expect(endpoint).toMatchObject({ status: WebhookStatus.FAILED, configureAttempts: 2 });
    expect(endpoint.statusReason).toMatch(/Gave up after 2 attempts\.$/);
  });

  it('fails at once on a permanent refusal and signals the credential failure, without leaking the token', async () => {
    const tenant = await addTenant(app, running);
    running.sandbox.revokeToken(tenant.account.tokens.valid);
    const signals: CredentialFailureSignal[] = [];
    await configureWebhook(direct((s) => signals.push(s)), app.orm.em.fork(), tenant.credentialId, { final: false });
    const endpoint = await endpointOf(app, tenant.credentialId);
    expect(endpoint).toMatchObject({ status: WebhookStatus.FAILED, configureAttempts: 1 });
    expect(endpoint.statusReason).toMatch(/^Checking the access token failed: WhatsApp Graph API error 190\/460/);
    expect(endpoint.statusReason).not.toContain(tenant.account.tokens.valid);
    expect(signals).toEqual([{ credentialId: tenant.credentialId, userId: tenant.userId, kind: 'token_invalid', graphCode: 190 }]);
  });

  it('reports NOT_ROUTED_HERE when Meta reads back another callback URL', async () => {
    const tenant = await addTenant(app, running);
    const { appId, phoneNumberId } = tenant.account;
    running.sandbox.setAppCallbackUrl(appId, 'https://elsewhere.example/whatsapp');
    // Meta answers success, yet the override does not take: only the read-back tells.
    running.sandbox.failNext(1, { httpStatus: 200, rawBody: '{"success":true}' }, { method: 'POST', pathIncludes: `/${phoneNumberId}` });
    await configureWebhook(direct(), app.orm.em.fork(), tenant.credentialId, { final: false });
    const endpoint = await endpointOf(app, tenant.credentialId);
    expect(endpoint).toMatchObject({ status: WebhookStatus.FAILED, routing: WebhookRouting.NOT_ROUTED_HERE });
    expect(endpoint.statusReason).toMatch(/go to another callback URL \(on elsewhere\.example\), not to this endpoint/);
    running.sandbox.setAppCallbackUrl(appId, null);
  });
});

describe('teardown', () => {
  it('clears one number\'s override and keeps the WABA subscribed for its sibling, then unsubscribes with the last', async () => {
    const first = await addTenant(app, running);
    const second = await sibling(first.account);
    for (const tenant of [first, second]) await configureWebhook(direct(), app.orm.em.fork(), tenant.credentialId, { final: true });
    const secondUrl = (await endpointOf(app, second.credentialId)).webhookUrl;

    const em = app.orm.em.fork();
    const credential = await em.findOneOrFail(WhatsAppCredential, { id: first.credentialId });
    const result = await teardownWebhookConfiguration(app.services, em, credential);
    expect(result).toEqual({ complete: true, clearedPhoneOverride: true, clearedBusinessAccountOverride: false, unsubscribedApp: false, removedAppCallback: true, problems: [] });
    await em.nativeDelete(WhatsAppCredential, { id: first.credentialId });
    expect(running.sandbox.routedCallbackUrl(second.account.phoneNumberId)).toBe(secondUrl);
    expect(() => running.sandbox.routedCallbackUrl(first.account.phoneNumberId)).toThrow(/No callback URL/);

    const last = await em.findOneOrFail(WhatsAppCredential, { id: second.credentialId });
    const final = await teardownWebhookConfiguration(app.services, em, last);
    expect(final).toMatchObject({ complete: true, clearedPhoneOverride: true, unsubscribedApp: true });
    expect(() => running.sandbox.routedCallbackUrl(second.account.phoneNumberId)).toThrow(/not subscribed/);
    expect(await em.count(AuditEntry, { action: 'webhook.teardown', outcome: AuditOutcome.SUCCESS })).toBeGreaterThanOrEqual(2);
  });

  it('reports, and does not throw, when Meta refuses (a revoked token is a common reason to delete)', async () => {
    const tenant = await addTenant(app, running);
    await configureWebhook(direct(), app.orm.em.fork(), tenant.credentialId, { final: true });
    running.sandbox.revokeToken(tenant.account.tokens.valid, 458);
    const em = app.orm.em.fork();
    const credential = await em.findOneOrFail(WhatsAppCredential, { id: tenant.credentialId });
    const result = await teardownWebhookConfiguration(app.services, em, credential);
    expect(result.complete).toBe(false);
    expect(result.problems.join('\n')).toMatch(/190\/458/);
    expect(result.problems.join('\n')).not.toContain(tenant.account.tokens.valid);
    expect(await em.findOneOrFail(AuditEntry, { action: 'webhook.teardown', targetId: tenant.credentialId })).toMatchObject({ outcome: 'failure' });
  });
});

describe('racing a deletion', () => {
  it('a configuration in flight when its credential is deleted undoes what it set, and leaves the sibling number alone', async () => {
    const doomed = await addTenant(app, running);
    const staying = await sibling(doomed.account);
    await configureWebhook(direct(), app.orm.em.fork(), staying.credentialId, { final: true });
    const stayingUrl = (await endpointOf(app, staying.credentialId)).webhookUrl;

    // Meta holds the phone override while the owner deletes the number: the deletion's teardown finds
    // nothing of ours to clear yet, and the override lands after it.
    const held = running.sandbox.holdNext({ method: 'POST', pathIncludes: `/${doomed.account.phoneNumberId}` });
    const configuring = configureWebhook(direct(), app.orm.em.fork(), doomed.credentialId, { final: true });
    await held.arrived;
    const deleted = await postGraphQL(app.graphqlUrl, DeleteCredentialDocument, { variables: { id: doomed.credentialId }, authorization: await app.tokenFor(doomed.userId) });
    expect(deleted.errors).toBeUndefined();
    held.release();
    await configuring;

    // Its override is gone: Meta falls back to the app's callback, which the sibling's configuration set
    // to the sibling's endpoint (and that endpoint refuses another number's messages).
    expect(running.sandbox.routedCallbackUrl(doomed.account.phoneNumberId)).toBe(stayingUrl);
    expect(running.sandbox.routedCallbackUrl(staying.account.phoneNumberId)).toBe(stayingUrl);
    const teardowns = await app.orm.em.fork().find(AuditEntry, { action: 'webhook.teardown', targetId: doomed.credentialId });
    expect(teardowns.map((entry) => entry.outcome)).toEqual([AuditOutcome.SUCCESS, AuditOutcome.SUCCESS]);
  });

  it('a configuration that starts while its credential is being deleted asks nothing of Meta', async () => {
    const tenant = await addTenant(app, running);
    await configureWebhook(direct(), app.orm.em.fork(), tenant.credentialId, { final: true });
    // The deletion's teardown waits on Meta's read-back: the credential is marked, not yet gone.
    const held = running.sandbox.holdNext({ method: 'GET', pathIncludes: `/${tenant.account.phoneNumberId}` });
    const deleting = postGraphQL(app.graphqlUrl, DeleteCredentialDocument, { variables: { id: tenant.credentialId }, authorization: await app.tokenFor(tenant.userId) });
    await held.arrived;
    const since = running.sandbox.requests().length;
    await configureWebhook(direct(), app.orm.em.fork(), tenant.credentialId, { final: true });
    expect(graphCalls(since)).toEqual([]);
    held.release();
    expect((await deleting).errors).toBeUndefined();
    expect(() => running.sandbox.routedCallbackUrl(tenant.account.phoneNumberId)).toThrow(/not subscribed/);
  });
});

describe('a deletion that does not go through', () => {
  it('lifts its mark, and the number is configured again at Meta', async () => {
    const tenant = await addTenant(app, running);
    await configureWebhook(direct(), app.orm.em.fork(), tenant.credentialId, { final: true });
    const em = app.orm.em.fork();
    const credential = await em.findOneOrFail(WhatsAppCredential, { id: tenant.credentialId });
    const secrets = await readCredentialSecrets(em, app.services.keys, credential);
    const refused = app.services.credentialLifecycle.delete(credential, secrets, async () => {
      throw new Error('the database refused the deletion');
    });
    await expect(refused).rejects.toThrow(/refused/);
    expect((await app.orm.em.fork().findOneOrFail(WhatsAppCredential, { id: tenant.credentialId })).deletingAt).toBeNull();
    // The teardown had already unsubscribed the app; the credential stays, so it is configured again.
    const routed = () => Promise.resolve().then(() => running.sandbox.routedCallbackUrl(tenant.account.phoneNumberId)).catch(() => null);
    await eventually(routed, (url) => url === tenant.endpoint.webhookUrl, 20_000, 'the number to be routed here again');
    expect(await settledStatus(tenant.credentialId)).toMatchObject({ status: WebhookStatus.ACTIVE });
  });
});

describe('GraphQL', () => {
  it('shows the webhook on the credential, never the verify token', async () => {
    const tenant = await addTenant(app, running);
    await configureWebhook(direct(), app.orm.em.fork(), tenant.credentialId, { final: true });
    const response = await postGraphQL(app.graphqlUrl, MyCredentialWebhooksDocument, { authorization: await app.tokenFor(tenant.userId) });
    expect(response.errors).toBeUndefined();
    expect(response.data!.whatsAppCredentials).toEqual([
      {
        id: tenant.credentialId,
        webhook: expect.objectContaining({
          credentialId: tenant.credentialId,
          webhookUrl: tenant.endpoint.webhookUrl,
          phoneNumberId: tenant.account.phoneNumberId,
          status: 'ACTIVE',
          routing: 'PHONE_NUMBER_OVERRIDE',
          statusReason: null,
          verifiedAt: expect.any(String),
        }),
      },
    ]);
    expect(JSON.stringify(response)).not.toContain(tenant.verifyToken);
  });

  it('reconfigures on demand for the owner only; anyone else gets NOT_FOUND', async () => {
    const tenant = await addTenant(app, running);
    const variables = { credentialId: tenant.credentialId };
    const response = await postGraphQL(app.graphqlUrl, ReconfigureWhatsAppWebhookDocument, { variables, authorization: await app.tokenFor(tenant.userId) });
    expect(response.errors).toBeUndefined();
    expect(response.data!.reconfigureWhatsAppWebhook).toMatchObject({ credentialId: tenant.credentialId, status: 'PENDING', statusReason: 'Reconfiguration requested.' });
    expect(await settledStatus(tenant.credentialId)).toMatchObject({ status: WebhookStatus.ACTIVE });
    expect(await app.orm.em.fork().count(AuditEntry, { action: 'webhook.reconfigure', actorUserId: tenant.userId })).toBe(1);

    for (const authorization of [await app.tokenFor(newUserId()), await app.tokenFor(newUserId(), ['admin'])]) {
      const refused = await postGraphQL(app.graphqlUrl, ReconfigureWhatsAppWebhookDocument, { variables, authorization });
      expect(refused.errors?.[0]?.extensions?.code).toBe(ErrorCode.NotFound);
    }
    const missing = await postGraphQL(app.graphqlUrl, ReconfigureWhatsAppWebhookDocument, { variables: { credentialId: 'nope' }, authorization: await app.tokenFor(tenant.userId) });
    expect(missing.errors?.[0]?.extensions?.code).toBe(ErrorCode.NotFound);
    const anonymous = await postGraphQL(app.graphqlUrl, ReconfigureWhatsAppWebhookDocument, { variables });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe(ErrorCode.Unauthenticated);
  });
});
