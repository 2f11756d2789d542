import { randomUUID } from 'node:crypto';
import { WhatsAppCredential } from '../../src/credentials/whatsapp-credential.entity';
import { AgentWhatsAppConfig } from '../../src/agents/agent-whatsapp-config.entity';
import { startGateway } from '../support/gateway';
import { postGraphQL } from '../support/graphql-http';
import { startHostSubgraph } from '../support/host-subgraph';
import { TEST_JWT_SECRET, startTestApp } from '../support/start-test-app';

const alice = { id: randomUUID(), name: 'Alice' };
const bob = { id: randomUUID(), name: 'Bob' };
const aliceAgent = { id: randomUUID(), name: 'Support bot', ownerId: alice.id };

async function setUp() {
  const app = await startTestApp();
  const em = app.orm.em.fork();
  const credential = em.create(WhatsAppCredential, {
    userId: alice.id,
    businessAccountId: '102290129340398',
    phoneNumberId: '106540352242922',
    phoneNumber: '+1 555-078-3881',
    displayName: 'Acme Shop',
    accessTokenCiphertext: 'vault:v1:AAAA',
    appSecretCiphertext: 'vault:v1:AAAA',
    verifyTokenCiphertext: 'vault:v1:AAAA',
    accessTokenHint: 'x9Qz',
  });
  em.create(AgentWhatsAppConfig, {
    agentId: aliceAgent.id,
    userId: alice.id,
    credential,
    phoneNumberId: credential.phoneNumberId,
    welcomeMessage: 'Olá!',
  });
  await em.flush();
  const host = await startHostSubgraph({ users: [alice, bob], agents: [aliceAgent] }, TEST_JWT_SECRET);
  const gateway = await startGateway([
    { name: 'host', url: host.url },
    { name: 'whatsapp', url: app.graphqlUrl },
  ]);
  return { app, gateway };
}

const DASHBOARD = `
  query Dashboard {
    me { id name whatsAppCredentials { phoneNumber displayName status accessTokenHint } }
    agents { id name whatsApp { phoneNumberId welcomeMessage enabled autoReply } }
  }
`;

describe('through a real gateway composing the host subgraph with ours', () => {
  test('a dashboard query crosses both subgraphs with a valid token', async () => {
    const { app, gateway } = await setUp();
    const result = await postGraphQL(gateway.url, DASHBOARD, { authorization: await app.tokenFor(alice.id) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      me: {
        id: alice.id,
        name: 'Alice',
        whatsAppCredentials: [
          { phoneNumber: '+1 555-078-3881', displayName: 'Acme Shop', status: 'ACTIVE', accessTokenHint: 'x9Qz' },
        ],
      },
      agents: [
        {
          id: aliceAgent.id,
          name: 'Support bot',
          whatsApp: { phoneNumberId: '106540352242922', welcomeMessage: 'Olá!', enabled: true, autoReply: true },
        },
      ],
    });
  });

  test('the same query is refused without a token', async () => {
    const { gateway } = await setUp();
    const result = await postGraphQL(gateway.url, DASHBOARD);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
  });

  test('another user sees none of the owner\'s credentials', async () => {
    const { app, gateway } = await setUp();
    const result = await postGraphQL(gateway.url, DASHBOARD, { authorization: await app.tokenFor(bob.id) });
    expect(result.data).toEqual({ me: { id: bob.id, name: 'Bob', whatsAppCredentials: [] }, agents: [] });
  });

  test('no secret column is reachable in the composed schema', async () => {
    const { app, gateway } = await setUp();
    const result = await postGraphQL(gateway.url, '{ me { whatsAppCredentials { accessTokenCiphertext } } }', {
      authorization: await app.tokenFor(alice.id),
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
