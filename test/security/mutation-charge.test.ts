import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { request } from 'undici';
import { onDispose } from '../support/leftovers';
import { startTestApp, type TestApp } from '../support/start-test-app';

const LIMIT = 10;

/** A mutation of `count` aliased root fields; each is a mutation of its own and is charged. */
function aliased(count: number): string {
  return `mutation { ${Array.from({ length: count }, (_, i) => `d${i}: disableAgentWhatsApp(agentId: "${randomUUID()}")`).join(' ')} }`;
}

async function post(app: TestApp, authorization: string, query: string) {
  const response = await request(app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  const body = (await response.body.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
  return { status: response.statusCode, retryAfter: response.headers['retry-after'], codes: (body.errors ?? []).map((e) => e.extensions?.code), body };
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: String(LIMIT) });
});

test('every aliased mutation field is charged: ten aliases spend a bucket of ten', async () => {
  const authorization = await app.tokenFor(randomUUID());
  const first = await post(app, authorization, aliased(LIMIT));
  // Admitted (the first field finds no such agent, and its non-null error ends the operation).
  expect(first.codes).toEqual(['NOT_FOUND']);

  const next = await post(app, authorization, aliased(1));
  expect(next.codes).toEqual(['RATE_LIMITED']);
  expect(next.status).toBe(429);
  expect(Number(next.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(next.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(Number(next.retryAfter));
});

test('an operation with more mutation fields than the bucket holds is refused before any runs', async () => {
  const authorization = await app.tokenFor(randomUUID());
  const flood = await post(app, authorization, aliased(LIMIT + 1));
  expect(flood.codes).toEqual(['RATE_LIMITED']);
});

test('fields sharing one response key run once and are charged once', async () => {
  const authorization = await app.tokenFor(randomUUID());
  const agentId = randomUUID();
  const repeated = `mutation { ${`disableAgentWhatsApp(agentId: "${agentId}") `.repeat(LIMIT * 2)}}`;
  for (let i = 0; i < LIMIT; i++) expect((await post(app, authorization, repeated)).codes).not.toContain('RATE_LIMITED');
  expect((await post(app, authorization, repeated)).codes).toEqual(['RATE_LIMITED']);
});

test('the socket spends the same bucket as HTTP', async () => {
  const authorization = await app.tokenFor(randomUUID());
  expect((await post(app, authorization, aliased(LIMIT - 1))).codes).not.toContain('RATE_LIMITED');
  const client = createClient({ url: app.subscriptionsUrl, lazy: false, retryAttempts: 0, connectionParams: { authorization }, onNonLazyError: () => undefined });
  onDispose(() => client.dispose());
  const overSocket = (query: string) =>
    new Promise<unknown[]>((resolve) => {
      let errors: unknown[] = [];
      client.subscribe({ query }, {
        next: (value) => {
          errors = (value.errors ?? []).map((e) => e.extensions?.code);
        },
        error: (error) => resolve((error as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code)),
        complete: () => resolve(errors),
      });
    });
  expect(await overSocket(aliased(1))).not.toContain('RATE_LIMITED');
  expect(await overSocket(aliased(2))).toEqual(['RATE_LIMITED']);
});
