import { randomUUID } from 'node:crypto';
import { CredentialStatus, CredentialStatusReason } from '../../src/credentials/credential-status';
import { CredentialTopic } from '../../src/credentials';
import { CredentialHealthChangedDocument } from '../generated/graphql';
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

  const publish = (userId: string, credentialId: string) =>
    app.services.eventBus.publish(CredentialTopic.Health, userId, {
      credentialId,
      userId,
      previousStatus: CredentialStatus.ACTIVE,
      status: CredentialStatus.EXPIRED,
      reason: CredentialStatusReason.TOKEN_EXPIRED,
      occurredAt: new Date().toISOString(),
    });
  const ownersCredential = randomUUID();
  // The subscription registers asynchronously after the socket is acknowledged; keep publishing (a bounded
  // number of times) until the first event arrives, then check that only the owner's event came through.
  let attempts = 0;
  const timer = setInterval(() => {
    if (++attempts > 100) return clearInterval(timer);
    publish(stranger, randomUUID());
    publish(owner, ownersCredential);
  }, 20);
  try {
    expect((await event).whatsAppCredentialHealthChanged).toEqual({
      credentialId: ownersCredential,
      previousStatus: 'ACTIVE',
      status: 'EXPIRED',
      reason: 'TOKEN_EXPIRED',
    });
  } finally {
    clearInterval(timer);
  }
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
