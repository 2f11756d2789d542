import type { RunningSandbox } from '../../src/adapters/sandbox';
import { WEBHOOK_FIELDS_USED } from '../../src/adapters/whatsapp';
import { WebhookStatus } from '../../src/webhooks';
import { ConnectCredentialDocument, MyCredentialWebhooksDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { newUserId, type TestApp } from '../support/start-test-app';
import { addTenant, configureNow, endpointOf, eventually, startAppOn, startSandboxForTest } from './webhook-kit';

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
