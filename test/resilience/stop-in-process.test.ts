import { randomUUID } from 'node:crypto';
import { connectSubscriptions } from '../support/subscription-client';
import { startTestApp } from '../support/start-test-app';

test('stopping closes graphql-ws sockets with 1001 (going away), and a second stop waits for the first', async () => {
  const app = await startTestApp();
  const { client, closed } = connectSubscriptions(app.subscriptionsUrl, await app.tokenFor(randomUUID()));
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const first = app.stop();
  const second = app.stop();
  expect(await closed).toBe(1001);
  await Promise.all([first, second]);
});
