import { request } from 'undici';
import { Message } from '../../src/messaging';
import { WebhookEndpoint, WebhookStatus } from '../../src/webhooks';
import { ConnectCredentialDocument } from '../generated/graphql';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-http';
import { newUserId, startTestApp } from '../support/start-test-app';

/** The README's "Try it", end to end: connect the sandbox number, then a customer writes in. */
test('a newcomer connects a sandbox number and receives a customer\'s message through the webhook', async () => {
  const app = await startTestApp({ SANDBOX: 'true' });
  const account = app.sandbox!.createAccount();
  const userId = newUserId();
  const connected = await postGraphQL(app.graphqlUrl, ConnectCredentialDocument, {
    authorization: await app.tokenFor(userId),
    variables: {
      input: { accessToken: account.tokens.valid, appSecret: account.appSecret, businessAccountId: account.wabaId, phoneNumberId: account.phoneNumberId },
    },
  });
  expect(connected.errors).toBeUndefined();

  // The configuration job runs in the background; it is done when the endpoint is ACTIVE.
  const em = app.orm.em.fork();
  const endpoint = await eventually(
    () => em.fork().findOne(WebhookEndpoint, { phoneNumberId: account.phoneNumberId }),
    (found) => found?.status !== WebhookStatus.PENDING && found !== null,
  );
  expect(endpoint?.status).toBe(WebhookStatus.ACTIVE);

  const delivered = await request(`${app.sandboxUrl}/_sandbox/inbound`, {
    method: 'POST',
    body: JSON.stringify({ phoneNumberId: account.phoneNumberId, from: '351912345678', text: 'Olá!', name: 'Ana' }),
  });
  expect(delivered.statusCode).toBe(200);
  const { wamid, answeredStatus } = (await delivered.body.json()) as { wamid: string; answeredStatus: number };
  expect(answeredStatus).toBe(200);

  const stored = await eventually(() => em.fork().findOne(Message, { whatsappMessageId: wamid }), (found) => found !== null);
  expect(stored).toMatchObject({ userId, direction: 'inbound', messageType: 'text', fromPhone: '351912345678' });

  const bad = await request(`${app.sandboxUrl}/_sandbox/inbound`, { method: 'POST', body: '{"phoneNumberId": 1}' });
  expect(bad.statusCode).toBe(400);
  await bad.body.dump();
});
