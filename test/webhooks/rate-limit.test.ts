import { WebhookDelivery } from '../../src/webhooks';
import { addTenant, configureNow, startAppOn, startSandboxForTest } from './webhook-kit';

test('an endpoint over its rate limit answers 429 with Retry-After and stores nothing; forged traffic cannot drain it', async () => {
  const running = await startSandboxForTest();
  const app = await startAppOn(running, { RATE_LIMIT_WEBHOOK_PER_SECOND: '3', INSTANCE_ROLE: 'receive' });
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  const deliver = () =>
    running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'oi' } });

  // Unsigned requests are refused before the limiter, so they do not use up the endpoint's tokens.
  for (let i = 0; i < 5; i++) {
    expect((await running.sandbox.deliverRaw({ object: 'whatsapp_business_account', entry: [] }, { phoneNumberId: tenant.account.phoneNumberId, signatureOverride: 'sha256=' + '0'.repeat(64) })).status).toBe(401);
  }
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await deliver()).status);
  expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  expect(statuses.slice(3)).toEqual([429, 429]);
  expect(await app.orm.em.fork().count(WebhookDelivery, {})).toBe(3);
});
