import { randomUUID } from 'node:crypto';
import { receiveInbound, seedAgent, startAgentTestApp } from '../agents/agent-fixtures';
import { startGateway } from '../support/gateway';
import { postGraphQL } from '../support/graphql-http';
import { startHostSubgraph } from '../support/host-subgraph';
import { TEST_JWT_SECRET } from '../support/start-test-app';

async function setUp() {
  const { app, sandbox } = await startAgentTestApp();
  const agent = await seedAgent(app, sandbox);
  const inbound = await receiveInbound(app, sandbox, agent, { enqueue: false });
  return { app, agent, inbound };
}

test('through the gateway, a message leads to its agent and a credential to its user, both from the host', async () => {
  const { app, agent } = await setUp();
  const host = await startHostSubgraph(
    { users: [{ id: agent.userId, name: 'Alice' }], agents: [{ id: agent.agentId, name: 'Support bot', ownerId: agent.userId }] },
    TEST_JWT_SECRET,
  );
  const gateway = await startGateway([
    { name: 'host', url: host.url },
    { name: 'whatsapp', url: app.graphqlUrl },
  ]);
  const result = await postGraphQL(
    gateway.url,
    `query {
      me { whatsAppCredentials { id user { name } } }
      agents { whatsApp { agent { name } user { name } messages(first: 1) { nodes { direction agent { id name owner { name } } } } } }
    }`,
    { authorization: agent.token },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    me: { whatsAppCredentials: [{ id: agent.credentialId, user: { name: 'Alice' } }] },
    agents: [
      {
        whatsApp: {
          agent: { name: 'Support bot' },
          user: { name: 'Alice' },
          messages: { nodes: [{ direction: 'INBOUND', agent: { id: agent.agentId, name: 'Support bot', owner: { name: 'Alice' } } }] },
        },
      },
    ],
  });
});

test('the plugin\'s own entities resolve by id for their owner, and are null for anyone else', async () => {
  const { app, agent, inbound } = await setUp();
  const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on WhatsAppCredential { id phoneNumberId }
    ... on WhatsAppMessage { id direction }
    ... on WhatsAppConversation { id customerWaId }
  } }`;
  const representations = [
    { __typename: 'WhatsAppCredential', id: agent.credentialId },
    { __typename: 'WhatsAppMessage', id: inbound.id },
    { __typename: 'WhatsAppConversation', id: inbound.conversationId },
    { __typename: 'WhatsAppMessage', id: 'not-a-uuid' },
  ];
  const owner = await postGraphQL(app.graphqlUrl, query, { authorization: agent.token, variables: { r: representations } });
  expect(owner.errors).toBeUndefined();
  expect(owner.data?._entities).toEqual([
    { id: agent.credentialId, phoneNumberId: agent.account.phoneNumberId },
    { id: inbound.id, direction: 'INBOUND' },
    { id: inbound.conversationId, customerWaId: '5511987654321' },
    null,
  ]);
  const stranger = await postGraphQL(app.graphqlUrl, query, { authorization: await app.tokenFor(randomUUID()), variables: { r: representations } });
  expect(stranger.errors).toBeUndefined();
  expect(stranger.data?._entities).toEqual([null, null, null, null]);
});
