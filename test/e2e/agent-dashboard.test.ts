import { randomUUID } from 'node:crypto';
import { SendWhatsAppMessageDocument } from '../generated/graphql';
import { receiveInbound, seedAgent, startAgentTestApp } from '../agents/agent-fixtures';
import { startGateway } from '../support/gateway';
import { postGraphQL } from '../support/graphql-http';
import { startHostSubgraph } from '../support/host-subgraph';
import { TEST_JWT_SECRET } from '../support/start-test-app';

const DASHBOARD = `
  query AgentDashboard {
    agents {
      id
      name
      whatsApp {
        phoneNumberId
        enabled
        autoReply
        welcomeMessage
        businessHours { timezone schedule { day start end } }
        status { ready credentialStatus webhookStatus windowOpen openWindows }
        messages(first: 2) {
          nodes { direction messageType content status }
          pageInfo { hasNextPage }
        }
      }
    }
  }
`;

test('through the gateway, a dashboard shows each agent with its WhatsApp configuration and latest messages', async () => {
  const { app, sandbox } = await startAgentTestApp();
  const alice = await seedAgent(app, sandbox, {
    autoReply: false,
    welcomeMessage: 'Olá!',
    businessHours: { enabled: true, timezone: 'Europe/Lisbon', schedule: [{ day: 'MONDAY', start: '09:00', end: '18:00' }] },
  });
  const bobId = randomUUID();
  await receiveInbound(app, sandbox, alice, { enqueue: false, text: 'Quero saber do meu pedido' });
  await postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: alice.token,
    variables: { input: { agentId: alice.agentId, to: '+5511987654321', idempotencyKey: 'dash-1', text: { body: 'Já vou ver!' } } },
  });
  const host = await startHostSubgraph(
    {
      users: [{ id: alice.userId, name: 'Alice' }, { id: bobId, name: 'Bob' }],
      agents: [
        { id: alice.agentId, name: 'Support bot', ownerId: alice.userId },
        { id: randomUUID(), name: 'Sales bot', ownerId: alice.userId },
      ],
    },
    TEST_JWT_SECRET,
  );
  const gateway = await startGateway([
    { name: 'host', url: host.url },
    { name: 'whatsapp', url: app.graphqlUrl },
  ]);

  const result = await postGraphQL(gateway.url, DASHBOARD, { authorization: alice.token });
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    agents: [
      {
        id: alice.agentId,
        name: 'Support bot',
        whatsApp: {
          phoneNumberId: alice.account.phoneNumberId,
          enabled: true,
          autoReply: false,
          welcomeMessage: 'Olá!',
          businessHours: { timezone: 'Europe/Lisbon', schedule: [{ day: 'MONDAY', start: '09:00', end: '18:00' }] },
          status: { ready: false, credentialStatus: 'ACTIVE', webhookStatus: 'PENDING', windowOpen: true, openWindows: 1 },
          messages: {
            nodes: [
              { direction: 'OUTBOUND', messageType: 'text', content: { body: 'Já vou ver!', preview_url: false }, status: 'SENT' },
              { direction: 'INBOUND', messageType: 'text', content: { body: 'Quero saber do meu pedido' }, status: 'RECEIVED' },
            ],
            pageInfo: { hasNextPage: false },
          },
        },
      },
      { id: expect.any(String), name: 'Sales bot', whatsApp: null },
    ],
  });

  const bob = await postGraphQL(gateway.url, DASHBOARD, { authorization: await app.tokenFor(bobId) });
  expect(bob).toMatchObject({ data: { agents: [] } });
});
