import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import { CredentialTopic } from '../../src/credentials';
import { CredentialStatus, CredentialStatusReason } from '../../src/credentials/credential-status';
import { createDeferred } from '../support/deferred';
import { onDispose } from '../support/leftovers';
import { publishUntilDelivered } from '../support/publish-until-delivered';
import { startTestApp } from '../support/start-test-app';

// Several times what a paused reader's socket buffers and its subscription's bounded queue (1,000 events)
// hold together (about 1,200 of these events), and few enough to publish well within graphql-ws's 12 s
// keep-alive: a reader paused longer than that misses a ping and is closed, which is not what this tests.
const EVENTS = 4_000;
const WARNING = 'w'.repeat(2_000);

const HEALTH = /* GraphQL */ `
  subscription { whatsAppCredentialHealthChanged { credentialId warning warningMessage } }
`;

test('a reader that stops reading is cut off with SUBSCRIPTION_OVERFLOW after an unbroken prefix; the plugin carries on', async () => {
  const app = await startTestApp();
  const userId = randomUUID();
  const publish = (i: number) =>
    app.services.eventBus.publish(CredentialTopic.Health, userId, {
      credentialId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      userId,
      previousStatus: CredentialStatus.ACTIVE,
      status: CredentialStatus.ACTIVE,
      reason: CredentialStatusReason.NONE,
      occurredAt: new Date().toISOString(),
      warning: 'quality_red',
      message: WARNING,
    });

  let socket: WebSocket | undefined;
  const client = createClient({
    url: app.subscriptionsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: await app.tokenFor(userId) },
    on: { connected: (connected) => (socket = connected as WebSocket) },
    onNonLazyError: () => undefined,
  });
  onDispose(() => client.dispose());

  const received: number[] = [];
  const first = createDeferred<void>();
  const ended = createDeferred<unknown>();
  client.subscribe<{ whatsAppCredentialHealthChanged: { credentialId: string } }>(
    { query: HEALTH },
    {
      next: (value) => {
        // The cut-off arrives as a last result with the error (gateways relay those with their code).
        if (value.errors) return ended.resolve(value.errors);
        received.push(Number(value.data!.whatsAppCredentialHealthChanged.credentialId.slice(-12)));
        first.resolve();
      },
      error: (error) => ended.resolve(error),
      complete: () => ended.resolve('completed'),
    },
  );
  // The subscription registers after the socket is acknowledged: publish until the first event is through.
  await publishUntilDelivered(first.promise, () => publish(0), { everyMs: 20, times: 200 });

  // The reader stops reading; an in-process reader tells when every event has reached this instance.
  socket!.pause();
  const everyEvent = app.services.eventBus.subscribe(CredentialTopic.Health, userId, { maxPending: EVENTS * 2 });
  const before = received.length;
  for (let i = 1; i <= EVENTS; i++) publish(i);
  let seen = 0;
  for await (const event of everyEvent) {
    if (event.credentialId.endsWith(String(EVENTS).padStart(12, '0'))) break;
    seen += 1;
  }
  expect(seen).toBeGreaterThanOrEqual(EVENTS - 1);
  socket!.resume();

  const error = await ended.promise;
  expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBSCRIPTION_OVERFLOW' }) })]);
  // Whatever arrived is the events in the order published, with none skipped: the cut is at the end.
  const measured = received.slice(before).filter((i) => i > 0);
  expect(measured.length).toBeGreaterThan(0);
  expect(measured.length).toBeLessThan(EVENTS);
  expect(measured).toEqual(measured.map((_, k) => k + 1));

  // The same socket still serves a new subscription.
  const again = createDeferred<void>();
  client.subscribe({ query: HEALTH }, { next: () => again.resolve(), error: (e) => again.reject(e), complete: () => undefined });
  await publishUntilDelivered(again.promise, () => publish(EVENTS + 1), { everyMs: 20, times: 200 });
}, 60_000);
