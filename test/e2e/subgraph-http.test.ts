import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { MyCredentialsDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { startTestApp } from '../support/start-test-app';

describe('the subgraph over HTTP', () => {
  test('answers _service { sdl } without a token, for gateway composition', async () => {
    const app = await startTestApp();
    const result = await postGraphQL<{ _service: { sdl: string } }>(app.graphqlUrl, '{ _service { sdl } }');
    expect(result.data?._service.sdl).toContain('type User @key(fields: "id")');
    expect(result.data?._service.sdl).toContain('type Agent @key(fields: "id")');
  });

  test('refuses an operation without a token with UNAUTHENTICATED', async () => {
    const app = await startTestApp();
    const result = await postGraphQL(app.graphqlUrl, MyCredentialsDocument);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  test('refuses a forged token with UNAUTHENTICATED', async () => {
    const app = await startTestApp({ AUTH_JWT_SECRET: 'another-secret-that-is-also-long-enough-xx' });
    const forged = await (await startTestApp()).tokenFor(randomUUID());
    const result = await postGraphQL(app.graphqlUrl, MyCredentialsDocument, { authorization: forged });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('answers a valid token with the viewer\'s (empty) credentials', async () => {
    const app = await startTestApp();
    const result = await postGraphQL(app.graphqlUrl, MyCredentialsDocument, { authorization: await app.tokenFor(randomUUID()) });
    expect(result).toMatchObject({ status: 200, data: { whatsappCredentials: [] } });
  });

  test('refuses a query deeper than the limit before running it', async () => {
    const app = await startTestApp({ GRAPHQL_MAX_DEPTH: '2' });
    const authorization = await app.tokenFor(randomUUID());
    const shallow = await postGraphQL(app.graphqlUrl, '{ whatsappCredentials { id } }', { authorization });
    expect(shallow.errors).toBeUndefined();
    const deep = await postGraphQL(app.graphqlUrl, '{ whatsappCredentials { id } ... on Query { whatsappCredentials { id tokenScopes } } }', { authorization });
    expect(deep.errors).toBeUndefined();
    const tooDeep = await postGraphQL(
      app.graphqlUrl,
      'subscription { credentialHealthChanged { credential { id } } }',
      { authorization },
    );
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  test('refuses a query costlier than the limit', async () => {
    const app = await startTestApp({ GRAPHQL_MAX_COST: '10' });
    const fields = Array.from({ length: 12 }, (_, i) => `f${i}: whatsappCredentials { id }`).join(' ');
    const result = await postGraphQL(app.graphqlUrl, `{ ${fields} }`, { authorization: await app.tokenFor(randomUUID()) });
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  test('cost is judged on the document as written: fields behind @include count whatever the variables', async () => {
    const app = await startTestApp({ GRAPHQL_MAX_COST: '10' });
    const authorization = await app.tokenFor(randomUUID());
    const optional = Array.from({ length: 12 }, (_, i) => `f${i}: whatsappCredentials @include(if: $all) { id }`).join(' ');
    const query = `query Q($all: Boolean!) { whatsappCredentials { id } ${optional} }`;
    for (const all of [false, true, false]) {
      const result = await postGraphQL(app.graphqlUrl, query, { authorization, variables: { all } });
      expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
    const cheap = await postGraphQL(app.graphqlUrl, 'query Q($all: Boolean!) { whatsappCredentials @include(if: $all) { id } }', { authorization, variables: { all: true } });
    expect(cheap.errors).toBeUndefined();
  });

  test('masks unexpected errors and returns a request id', async () => {
    const app = await startTestApp();
    await app.orm.em.getConnection().execute('drop table whatsapp_connect.whatsapp_credentials cascade');
    const result = await postGraphQL(app.graphqlUrl, MyCredentialsDocument, { authorization: await app.tokenFor(randomUUID()) });
    expect(result.errors?.[0]).toEqual({ message: 'Internal server error.', path: ['whatsappCredentials'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(result.extensions?.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(result)).not.toMatch(/whatsapp_credentials|relation|select/i);
  });

  test('with introspection off, introspection and _service are FORBIDDEN except to the gateway', async () => {
    const app = await startTestApp({ GRAPHQL_INTROSPECTION: 'false' });
    for (const query of ['{ __schema { types { name } } }', '{ _service { sdl } }', '{ __type(name: "Query") { name } }']) {
      const result = await postGraphQL(app.graphqlUrl, query);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data ?? null).toBeNull();
    }
    const gateway = await app.tokenFor(randomUUID(), ['host-service']);
    expect((await postGraphQL<{ _service: { sdl: string } }>(app.graphqlUrl, '{ _service { sdl } }', { authorization: gateway })).data?._service.sdl).toContain('type User');
    const fromItsNetwork = await startTestApp({ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_SCHEMA_NETWORKS: '127.0.0.0/8, ::1' });
    expect((await postGraphQL(fromItsNetwork.graphqlUrl, '{ __schema { queryType { name } } }')).errors).toBeUndefined();
  });

  test('serves health, readiness and Prometheus metrics', async () => {
    const app = await startTestApp();
    expect((await request(`${app.url}/healthz`)).statusCode).toBe(200);
    expect(await (await request(`${app.url}/readyz`)).body.json()).toEqual({ status: 'ready', inbox: { unprocessed: 0, oldestUnprocessedSeconds: 0, deadLetters: 0 } });
    const metrics = await (await request(`${app.url}/metrics`)).body.text();
    expect(metrics).toContain('wc_http_requests_total');
  });

  test('reports not ready while a migration is pending', async () => {
    const app = await startTestApp();
    await app.orm.em.getConnection().execute('delete from whatsapp_connect.mikro_orm_migrations');
    expect((await request(`${app.url}/readyz`)).statusCode).toBe(503);
  });
});
