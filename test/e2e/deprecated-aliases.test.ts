import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { CredentialTopic } from '../../src/credentials';
import { MessageTopic } from '../../src/messaging';
import { Message, MessageStatus } from '../../src/messaging';
import { receiveInbound, seedAgent, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';
import { credentialExpiredEvent } from '../support/credential-fixtures';
import { postGraphQL } from '../support/graphql-http';
import { publishUntilDelivered } from '../support/publish-until-delivered';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';
import { startTestApp, type TestApp } from '../support/start-test-app';

// Every root field renamed to the naming rule (docs/graphql-naming.md) is still served under its old
// name, marked deprecated, and answers exactly as the new one does: clients written before the rename
// keep working until they move.

let app: TestApp;
let agent: SeededAgent;
let admin: string;

beforeAll(async () => {
  const started = await startAgentTestApp();
  app = started.app;
  agent = await seedAgent(app, started.sandbox);
  admin = await app.tokenFor(agent.userId, ['admin']);
  await receiveInbound(app, started.sandbox, agent, { enqueue: false });
});

async function same(query: string, oldField: string, newField: string, authorization: string, variables?: Record<string, unknown>) {
  const oldAnswer = await postGraphQL(app.graphqlUrl, query.replace('FIELD', oldField), { authorization, variables });
  const newAnswer = await postGraphQL(app.graphqlUrl, query.replace('FIELD', newField), { authorization, variables });
  expect(oldAnswer.errors).toBeUndefined();
  expect(newAnswer.errors).toBeUndefined();
  expect(oldAnswer.data?.[oldField]).toEqual(newAnswer.data?.[newField]);
  return oldAnswer.data?.[oldField];
}

test('the old query names answer as the new ones', async () => {
  expect(await same('{ FIELD { id } }', 'whatsappCredentials', 'whatsAppCredentials', agent.token)).toEqual([{ id: agent.credentialId }]);
  const one = 'query ($id: ID!) { FIELD(id: $id) { id } }';
  expect(await same(one, 'whatsappCredential', 'whatsAppCredential', agent.token, { id: agent.credentialId })).toEqual({ id: agent.credentialId });
  expect(await same('{ FIELD { userId latestVersion } }', 'userKeyInfo', 'whatsAppUserKeyInfo', agent.token)).toMatchObject({ userId: agent.userId });
  expect(await same('{ FIELD { id } }', 'keyRotationRun', 'whatsAppKeyRotationRun', admin)).toBeNull();
});

test('the old entity fields of User, Agent and WhatsAppMessage answer as the new ones', async () => {
  const entities = await postGraphQL(
    app.graphqlUrl,
    `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { whatsappCredentials { id } whatsAppCredentials { id } }
      ... on Agent { whatsapp { agentId } whatsApp { agentId } }
    } }`,
    { authorization: agent.token, variables: { r: [{ __typename: 'User', id: agent.userId }, { __typename: 'Agent', id: agent.agentId }] } },
  );
  expect(entities.errors).toBeUndefined();
  expect(entities.data?._entities).toEqual([
    { whatsappCredentials: [{ id: agent.credentialId }], whatsAppCredentials: [{ id: agent.credentialId }] },
    { whatsapp: { agentId: agent.agentId }, whatsApp: { agentId: agent.agentId } },
  ]);
  type History = { agentWhatsApp: { messages: { nodes: Array<{ whatsappMessageId: string | null; whatsAppMessageId: string | null }> } } };
  const history = await postGraphQL<History>(
    app.graphqlUrl,
    'query ($a: ID!) { agentWhatsApp(agentId: $a) { messages(first: 1) { nodes { whatsappMessageId whatsAppMessageId } } } }',
    { authorization: agent.token, variables: { a: agent.agentId } },
  );
  const [node] = history.data?.agentWhatsApp.messages.nodes ?? [];
  expect(node.whatsappMessageId).toMatch(/^wamid\./);
  expect(node.whatsappMessageId).toBe(node.whatsAppMessageId);
});

test('the old mutation names still act', async () => {
  const rotated = await postGraphQL(app.graphqlUrl, 'mutation { rotateUserKey { latestVersion } }', { authorization: agent.token });
  expect(rotated).toMatchObject({ data: { rotateUserKey: { latestVersion: 2 } } });
  const run = await postGraphQL<{ startKeyRotationRun: { id: string } }>(app.graphqlUrl, 'mutation { startKeyRotationRun { id } }', { authorization: admin });
  expect(run.errors).toBeUndefined();
  expect(run.data?.startKeyRotationRun.id).toEqual(expect.any(String));
  const refused = await postGraphQL(app.graphqlUrl, 'mutation ($u: ID!) { deleteUserData(userId: $u) { userId } }', {
    authorization: await app.tokenFor(agent.userId),
    variables: { u: agent.userId },
  });
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const stranger = randomUUID();
  const erased = await postGraphQL(app.graphqlUrl, 'mutation ($u: ID!) { deleteUserData(userId: $u) { userId } }', {
    authorization: await app.tokenFor(randomUUID(), ['host-service']),
    variables: { u: stranger },
  });
  expect(erased).toMatchObject({ data: { deleteUserData: { userId: stranger } } });
});

/** Subscribes under the old name and publishes (a bounded number of times) until the first event arrives. */
async function firstUnderOldName(query: string, variables: Record<string, unknown>, publish: () => unknown): Promise<Record<string, unknown>> {
  const { client } = connectSubscriptions(app.subscriptionsUrl, agent.token);
  const { event, ready } = firstEvent(client, parse(query) as TypedDocumentNode<Record<string, unknown>>, variables);
  await ready;
  return publishUntilDelivered(event, publish);
}

test('the old subscription names still deliver events', async () => {
  const health = await firstUnderOldName('subscription { credentialHealthChanged { credentialId status } }', {}, () =>
    app.services.eventBus.publish(CredentialTopic.Health, agent.userId, credentialExpiredEvent(agent.credentialId, agent.userId)),
  );
  expect(health).toEqual({ credentialHealthChanged: { credentialId: agent.credentialId, status: 'EXPIRED' } });

  const [message] = await app.orm.em.fork().find(Message, { agentId: agent.agentId });
  const publishMessage = (topic: MessageTopic) => () =>
    app.services.eventBus.publish(topic, agent.agentId, {
      messageId: message.id,
      userId: agent.userId,
      agentId: agent.agentId,
      status: MessageStatus.RECEIVED,
    });
  for (const [field, topic] of [
    ['whatsappMessageReceived', MessageTopic.Inbound],
    ['whatsappMessageStatusChanged', MessageTopic.Status],
  ] as const) {
    const received = await firstUnderOldName(`subscription ($a: ID!) { ${field}(agentId: $a) { id } }`, { a: agent.agentId }, publishMessage(topic));
    expect(received).toEqual({ [field]: { id: message.id } });
  }
});

test('with GRAPHQL_DEPRECATED_FIELDS=false the old names are gone and the new ones answer', async () => {
  const strict = await startTestApp({ GRAPHQL_DEPRECATED_FIELDS: 'false' });
  const authorization = await strict.tokenFor(randomUUID());
  const old = await postGraphQL(strict.graphqlUrl, '{ whatsappCredentials { id } }', { authorization });
  expect(old.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(await postGraphQL(strict.graphqlUrl, '{ whatsAppCredentials { id } }', { authorization })).toMatchObject({ data: { whatsAppCredentials: [] } });
});
