import { randomUUID } from 'node:crypto';
import { CredentialTopic } from '../../src/credentials';
import { CredentialHealthChangedDocument } from '../generated/graphql';
import { credentialExpiredEvent } from '../support/credential-fixtures';
import { publishUntilDelivered } from '../support/publish-until-delivered';
import { startTestApp } from '../support/start-test-app';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';


test('a subscription without a token is refused with 4401', async () => {
  const app = await startTestApp();
  const { closed } = connectSubscriptions(app.subscriptionsUrl);
  expect(await closed).toBe(4401);
});

test('a subscription with a bad token is refused with 4401', async () => {
  const app = await startTestApp();
  const { closed } = connectSubscriptions(app.subscriptionsUrl, 'Bearer not.a.jwt');
  expect(await closed).toBe(4401);
});

test('a subscription with a valid token receives the owner\'s events only', async () => {
  const app = await startTestApp();
  const owner = randomUUID();
  const stranger = randomUUID();
  const { client } = connectSubscriptions(app.subscriptionsUrl, await app.tokenFor(owner));
  const { event, ready } = firstEvent(client, CredentialHealthChangedDocument);
  await ready;

  const publish = (userId: string, credentialId: string) => app.services.eventBus.publish(CredentialTopic.Health, userId, credentialExpiredEvent(credentialId, userId));
  const ownersCredential = randomUUID();
  // Only the owner's event may come through, however many of the stranger's were published first.
  const received = await publishUntilDelivered(
    event,
    () => {
      publish(stranger, randomUUID());
      publish(owner, ownersCredential);
    },
    { everyMs: 20 },
  );
  expect(received.whatsAppCredentialHealthChanged).toEqual({
    credentialId: ownersCredential,
    previousStatus: 'ACTIVE',
    status: 'EXPIRED',
    reason: 'TOKEN_EXPIRED',
  });
});

test('stopping the plugin closes open sockets and stops answering HTTP', async () => {
  const app = await startTestApp();
  const { client, closed } = connectSubscriptions(app.subscriptionsUrl, await app.tokenFor(randomUUID()));
  const { ready, event } = firstEvent(client, CredentialHealthChangedDocument);
  const ended = event.then(() => 'event', () => 'ended with the socket');
  await ready;
  await app.stop();
  expect(await ended).toBe('ended with the socket');
  expect(await closed).toEqual(expect.any(Number));
  await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
});
