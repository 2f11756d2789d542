import { randomUUID } from 'node:crypto';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { signDevelopmentToken } from '../../src/platform/identity';
import { CredentialHealthChangedDocument } from '../generated/graphql';
import { createDeferred } from '../support/deferred';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/start-test-app';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';

interface Closed {
  code: number;
  reason: string;
}

/** A graphql-ws client whose close event resolves `closed`; optionally authenticated by upgrade header only. */
function connect(app: TestApp, auth: { params?: string; header?: string }): { client: Client; closed: Promise<Closed> } {
  const closed = createDeferred<Closed>();
  const header = auth.header;
  // The `ws` client sends headers on the upgrade request, as a gateway forwarding Authorization does.
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, header ? { headers: { authorization: header } } : {});
    }
  }
  const client = createClient({
    url: app.subscriptionsUrl,
    webSocketImpl: WithHeaders,
    lazy: false,
    retryAttempts: 0,
    connectionParams: auth.params ? { authorization: auth.params } : {},
    on: { closed: (event) => closed.resolve({ code: (event as CloseEvent).code, reason: (event as CloseEvent).reason }) },
    onNonLazyError: () => undefined,
  });
  onDispose(() => client.dispose());
  return { client, closed: closed.promise };
}

function run(client: Client, payload: SubscribePayload): Promise<{ data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> }> {
  return new Promise((resolve, reject) => {
    let last = {};
    client.subscribe(payload, {
      next: (value) => {
        last = value;
      },
      error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
      complete: () => resolve(last),
    });
  });
}

const bearer = async (sub: string, expiresIn: string) => `Bearer ${await signDevelopmentToken(TEST_JWT_SECRET, { sub }, expiresIn)}`;
const QUERY = { query: '{ whatsAppCredentials { id } }' };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});

test('a socket is closed with 4401 when its token expires, and its subscription ends with it', async () => {
  const userId = randomUUID();
  const { client, closed } = connect(app, { params: await bearer(userId, '2s') });
  const { ready, event } = firstEvent(client, CredentialHealthChangedDocument);
  const ended = event.then(() => 'event', (error: CloseEvent) => error.code);
  await ready;
  expect(await run(client, QUERY)).toEqual({ data: { whatsAppCredentials: [] } });
  expect(await closed).toEqual({ code: 4401, reason: 'Token expired' });
  expect(await ended).toBe(4401);
});

test('a client that re-authenticates with a newer token keeps its socket past the first token\'s expiry', async () => {
  const userId = randomUUID();
  const shortLived = await bearer(userId, '2s');
  const renewed = connect(app, { params: shortLived });
  // The witness: a socket with the same token that does not renew; its close marks the old token's expiry.
  const witness = connect(app, { params: shortLived });
  expect(await run(renewed.client, { ...QUERY, extensions: { authorization: await bearer(userId, '1h') } })).toEqual({ data: { whatsAppCredentials: [] } });
  expect((await witness.closed).code).toBe(4401);
  expect(await run(renewed.client, QUERY)).toEqual({ data: { whatsAppCredentials: [] } });
  // Renewing as someone else is refused, and the socket keeps its user.
  const other = await run(renewed.client, { ...QUERY, extensions: { authorization: await bearer(randomUUID(), '1h') } });
  expect(other.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

test('the upgrade request\'s Authorization header authenticates a socket, as a gateway forwards it', async () => {
  const { client } = connect(app, { header: await bearer(randomUUID(), '1h') });
  expect(await run(client, QUERY)).toEqual({ data: { whatsAppCredentials: [] } });
});

test('a socket without a valid token runs nothing: UNAUTHENTICATED for each operation, then 4401', async () => {
  const refusals = [{}, { params: 'Bearer not.a.jwt' }, { header: 'Bearer not.a.jwt' }, { params: await bearer(randomUUID(), '-10s') }];
  await Promise.all(
    refusals.map(async (auth) => {
      const { client, closed } = connect(app, auth);
      const result = await run(client, QUERY);
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(await closed).toEqual({ code: 4401, reason: 'Unauthorized: a valid bearer token is required' });
    }),
  );
});

test('erasing a user closes their open sockets at once, and no one else\'s', async () => {
  const userId = randomUUID();
  const mine = connectSubscriptions(app.subscriptionsUrl, await app.tokenFor(userId));
  const theirs = connect(app, { params: await app.tokenFor(randomUUID()) });
  expect(await run(mine.client, QUERY)).toEqual({ data: { whatsAppCredentials: [] } });
  const erased = await postGraphQL(app.graphqlUrl, `mutation { deleteWhatsAppUserData(userId: "${userId}") { userId } }`, {
    authorization: await app.tokenFor(randomUUID(), ['host-service']),
  });
  expect(erased.errors).toBeUndefined();
  expect(await mine.closed).toBe(4403);
  expect(await run(theirs.client, QUERY)).toEqual({ data: { whatsAppCredentials: [] } });
});

test('erasure on one instance closes the user\'s sockets on another', async () => {
  const other = await startTestApp({}, { databaseUrl: app.databaseUrl });
  const userId = randomUUID();
  const elsewhere = connectSubscriptions(other.subscriptionsUrl, await other.tokenFor(userId));
  expect(await run(elsewhere.client, QUERY)).toEqual({ data: { whatsAppCredentials: [] } });
  const erased = await postGraphQL(app.graphqlUrl, `mutation { deleteWhatsAppUserData(userId: "${userId}") { userId } }`, {
    authorization: await app.tokenFor(randomUUID(), ['host-service']),
  });
  expect(erased.errors).toBeUndefined();
  expect(await elsewhere.closed).toBe(4403);
});
