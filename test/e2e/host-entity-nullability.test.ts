import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, getNullableType, isListType, isNonNullType, isObjectType } from 'graphql';
import { seedAgent, startAgentTestApp } from '../agents/agent-fixtures';
import { postGraphQL } from '../support/graphql-http';

/**
 * What the host sees when its gateway walks from its own User or Agent into this subgraph: a user or
 * agent the plugin knows nothing about, or whose records the caller may not see, must not cost the host
 * its own entity.
 */

const USER_CREDENTIALS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id whatsappCredentials { id userId } } } }`;
const AGENT_CONFIG = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on Agent { id whatsapp { agentId status { line } messages(first: 5) { nodes { id } } } } }
}`;

const userRef = (id: string) => ({ r: [{ __typename: 'User', id }] });

test('User.whatsappCredentials is an empty list, never an error, for a user without credentials or not yours', async () => {
  const { app, sandbox } = await startAgentTestApp();
  const alice = await seedAgent(app, sandbox);
  const carol = randomUUID();
  const carolsToken = await app.tokenFor(carol);

  const own = await postGraphQL(app.graphqlUrl, USER_CREDENTIALS, { authorization: carolsToken, variables: userRef(carol) });
  expect(own).toMatchObject({ status: 200, data: { _entities: [{ id: carol, whatsappCredentials: [] }] } });
  expect(own.errors).toBeUndefined();

  // Carol reaching Alice's user (as a host page about Alice would) gets the same empty list, no NOT_FOUND.
  const others = await postGraphQL(app.graphqlUrl, USER_CREDENTIALS, { authorization: carolsToken, variables: userRef(alice.userId) });
  expect(others.errors).toBeUndefined();
  expect(others.data).toEqual({ _entities: [{ id: alice.userId, whatsappCredentials: [] }] });

  const hers = await postGraphQL(app.graphqlUrl, USER_CREDENTIALS, { authorization: alice.token, variables: userRef(alice.userId) });
  expect(hers.errors).toBeUndefined();
  expect(hers.data).toEqual({ _entities: [{ id: alice.userId, whatsappCredentials: [{ id: alice.credentialId, userId: alice.userId }] }] });

  const admin = await postGraphQL(app.graphqlUrl, USER_CREDENTIALS, { authorization: await app.tokenFor(randomUUID(), ['admin']), variables: userRef(alice.userId) });
  expect(admin.data).toEqual(hers.data);

  // Several users in one request: one without credentials does not blank the others.
  const batch = await postGraphQL(app.graphqlUrl, USER_CREDENTIALS, {
    authorization: alice.token,
    variables: { r: [{ __typename: 'User', id: carol }, { __typename: 'User', id: alice.userId }] },
  });
  expect(batch.errors).toBeUndefined();
  expect(batch.data?._entities).toEqual([{ id: carol, whatsappCredentials: [] }, { id: alice.userId, whatsappCredentials: [{ id: alice.credentialId, userId: alice.userId }] }]);
});

test('a refused field below Agent.whatsapp costs only that field, not the agent\'s configuration', async () => {
  const { app, sandbox } = await startAgentTestApp();
  const alice = await seedAgent(app, sandbox);
  const adminToken = await app.tokenFor(randomUUID(), ['admin']);

  // Administrators manage configurations but do not read conversations: messages is refused, the rest stays.
  const result = await postGraphQL<{ _entities: unknown[] }>(app.graphqlUrl, AGENT_CONFIG, {
    authorization: adminToken,
    variables: { r: [{ __typename: 'Agent', id: alice.agentId }] },
  });
  expect(result.data).toEqual({ _entities: [{ id: alice.agentId, whatsapp: { agentId: alice.agentId, status: { line: 'USER' }, messages: null } }] });
  expect(result.errors?.map((e) => ({ path: e.path, code: e.extensions?.code }))).toEqual([
    { path: ['_entities', 0, 'whatsapp', 'messages'], code: 'NOT_FOUND' },
  ]);

  const owner = await postGraphQL(app.graphqlUrl, AGENT_CONFIG, { authorization: alice.token, variables: { r: [{ __typename: 'Agent', id: alice.agentId }] } });
  expect(owner.errors).toBeUndefined();
  expect(owner.data).toEqual({ _entities: [{ id: alice.agentId, whatsapp: { agentId: alice.agentId, status: { line: 'USER' }, messages: { nodes: [] } } }] });
});

test('every single plugin object reachable from User or Agent is nullable', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'executable.graphql'), 'utf8'));
  // Parts of a value the plugin builds itself, never a record that can be missing.
  const structural = new Set(['WhatsAppMessagePage.pageInfo']);
  const nonNull: string[] = [];
  const seen = new Set<string>();
  const queue = ['User', 'Agent'];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const type = schema.getType(name);
    if (seen.has(name) || !isObjectType(type)) continue;
    seen.add(name);
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (!isObjectType(target)) continue;
      queue.push(target.name);
      const single = !isListType(getNullableType(field.type));
      if (single && isNonNullType(field.type) && !structural.has(`${name}.${field.name}`)) nonNull.push(`${name}.${field.name}`);
    }
  }
  expect([...seen]).toEqual(expect.arrayContaining(['User', 'Agent', 'WhatsAppCredential', 'WhatsAppAgentConfig']));
  expect(nonNull).toEqual([]);
});
