import { randomUUID } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import { AgentWhatsAppConfig } from '../../src/agents';
import { Message } from '../../src/messaging';
import {
  AgentMessagesDocument,
  AgentWhatsAppDocument,
  AgentWhatsAppStatusDocument,
  DisableAgentWhatsAppDocument,
  EnableAgentWhatsAppDocument,
  MarkWhatsAppMessageReadDocument,
  SendWhatsAppMessageDocument,
  UpdateAgentWhatsAppDocument,
} from '../generated/graphql';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-http';
import { receiveInbound, seedAgent, startAgentTestApp } from './agent-fixtures';

/** Alice has an agent with a conversation; Bob has his own agent and tries every operation on Alice's. */
async function setUp() {
  const { app, sandbox } = await startAgentTestApp();
  const alice = await seedAgent(app, sandbox, { autoReply: false, welcomeMessage: 'Olá da Alice' });
  const bob = await seedAgent(app, sandbox, { autoReply: false });
  const alicesMessage = await receiveInbound(app, sandbox, alice, { enqueue: false, text: 'só para a Alice' });
  await receiveInbound(app, sandbox, bob, { enqueue: false });
  sandbox.clearRequests();
  return { app, sandbox, alice, bob, alicesMessage };
}

/** The error, without anything that could differ between "someone else's" and "nobody's". */
const refusal = (result: GraphQLResponse<unknown>) => ({
  data: result.data ?? null,
  errors: result.errors?.map((e) => ({ message: e.message, extensions: e.extensions })),
});

test('every query and mutation on another user\'s agent, credential or message is NOT_FOUND, exactly like a missing one', async () => {
  const { app, sandbox, alice, bob, alicesMessage } = await setUp();
  const asBob = (document: DocumentNode, variables: Record<string, unknown>) =>
    postGraphQL(app.graphqlUrl, print(document), { authorization: bob.token, variables });
  const send = (input: Record<string, unknown>) =>
    asBob(SendWhatsAppMessageDocument, { input: { to: '+5511987654321', idempotencyKey: randomUUID(), text: { body: 'oi' }, ...input } });

  // [operation, on Alice's object, on an object that does not exist (none where that would simply succeed)]
  const cases: Array<[string, () => Promise<GraphQLResponse<unknown>>, (() => Promise<GraphQLResponse<unknown>>) | null]> = [
    ['agentWhatsApp', () => asBob(AgentWhatsAppDocument, { agentId: alice.agentId }), () => asBob(AgentWhatsAppDocument, { agentId: randomUUID() })],
    ['status', () => asBob(AgentWhatsAppStatusDocument, { agentId: alice.agentId }), () => asBob(AgentWhatsAppStatusDocument, { agentId: randomUUID() })],
    ['messages', () => asBob(AgentMessagesDocument, { agentId: alice.agentId }), () => asBob(AgentMessagesDocument, { agentId: randomUUID() })],
    [
      'updateAgentWhatsApp',
      () => asBob(UpdateAgentWhatsAppDocument, { agentId: alice.agentId, input: { autoReply: true } }),
      () => asBob(UpdateAgentWhatsAppDocument, { agentId: randomUUID(), input: { autoReply: true } }),
    ],
    ['disableAgentWhatsApp', () => asBob(DisableAgentWhatsAppDocument, { agentId: alice.agentId }), () => asBob(DisableAgentWhatsAppDocument, { agentId: randomUUID() })],
    [
      'enableAgentWhatsApp with her credential',
      () => asBob(EnableAgentWhatsAppDocument, { input: { agentId: randomUUID(), credentialId: alice.credentialId } }),
      () => asBob(EnableAgentWhatsAppDocument, { input: { agentId: randomUUID(), credentialId: randomUUID() } }),
    ],
    [
      'enableAgentWhatsApp on her agent',
      async () => {
        await asBob(DisableAgentWhatsAppDocument, { agentId: bob.agentId });
        return asBob(EnableAgentWhatsAppDocument, { input: { agentId: alice.agentId, credentialId: bob.credentialId } });
      },
      null,
    ],
    ['send as her agent', () => send({ agentId: alice.agentId }), () => send({ agentId: randomUUID() })],
    ['send from her credential', () => send({ credentialId: alice.credentialId }), () => send({ credentialId: randomUUID() })],
    [
      'reply to her message',
      () => send({ credentialId: bob.credentialId, replyToMessageId: alicesMessage.id }),
      () => send({ credentialId: bob.credentialId, replyToMessageId: randomUUID() }),
    ],
    [
      'react to her message',
      () => send({ credentialId: bob.credentialId, text: null, reaction: { messageId: alicesMessage.id, emoji: '👍' } }),
      () => send({ credentialId: bob.credentialId, text: null, reaction: { messageId: randomUUID(), emoji: '👍' } }),
    ],
    [
      'mark her message read',
      () => asBob(MarkWhatsAppMessageReadDocument, { messageId: alicesMessage.id }),
      () => asBob(MarkWhatsAppMessageReadDocument, { messageId: randomUUID() }),
    ],
  ];
  for (const [label, onAlices, onNobodys] of cases) {
    const theirs = refusal(await onAlices());
    expect([label, theirs.errors?.[0]?.extensions?.code]).toEqual([label, 'NOT_FOUND']);
    if (onNobodys) expect([label, theirs]).toEqual([label, refusal(await onNobodys())]);
    else expect([label, theirs.errors?.[0]?.message]).toEqual([label, 'Agent not found.']);
  }

  // Nothing of Alice's changed, and Bob's attempts never reached Meta.
  expect(sandbox.requests().filter((r) => r.path.endsWith('/messages'))).toHaveLength(0);
  const config = await app.orm.em.fork().findOneOrFail(AgentWhatsAppConfig, { agentId: alice.agentId });
  expect(config).toMatchObject({ userId: alice.userId, autoReply: false, enabled: true });
  expect(await app.orm.em.fork().count(Message, { userId: alice.userId })).toBe(1);
});

test('the federated Agent.whatsApp field of someone else\'s agent is null, like an agent without WhatsApp', async () => {
  const { app, alice, bob } = await setUp();
  const entities = (agentId: string, token: string) =>
    postGraphQL(app.graphqlUrl, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agent { id whatsApp { agentId welcomeMessage } } } }`, {
      authorization: token,
      variables: { r: [{ __typename: 'Agent', id: agentId }] },
    });
  expect((await entities(alice.agentId, bob.token)).data).toEqual({ _entities: [{ id: alice.agentId, whatsApp: null }] });
  const unknown = randomUUID();
  expect((await entities(unknown, bob.token)).data).toEqual({ _entities: [{ id: unknown, whatsApp: null }] });
  expect((await entities(alice.agentId, alice.token)).data).toEqual({
    _entities: [{ id: alice.agentId, whatsApp: { agentId: alice.agentId, welcomeMessage: 'Olá da Alice' } }],
  });
});
