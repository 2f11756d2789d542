import { randomUUID } from 'node:crypto';
import { WebhookEndpoint, WebhookStatus } from '../../src/webhooks';
import {
  AgentConversationDocument,
  AgentMessagesDocument,
  AgentWhatsAppStatusDocument,
  SendWhatsAppMessageDocument,
} from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { receiveInbound, seedAgent, startAgentTestApp } from './agent-fixtures';

const ANA = '5511987654321';
const BIA = '5521987654321';

async function setUp() {
  const { app, sandbox } = await startAgentTestApp();
  const agent = await seedAgent(app, sandbox, { autoReply: false });
  const start = Date.now() - 60 * 60_000;
  // 12 messages from Ana and 3 from Bia, one a minute, oldest first.
  const inbound = [];
  for (let i = 0; i < 15; i++) {
    const customerWaId = i % 5 === 4 ? BIA : ANA;
    inbound.push(await receiveInbound(app, sandbox, agent, { customerWaId, text: `m${i}`, timestamp: new Date(start + i * 60_000), enqueue: false }));
  }
  const messages = (variables: { customer?: string; first?: number; after?: string | null }) =>
    postGraphQL(app.graphqlUrl, AgentMessagesDocument, { authorization: agent.token, variables: { agentId: agent.agentId, ...variables } });
  return { app, sandbox, agent, inbound, start, messages };
}

test('a customer\'s messages page newest first, following the cursor to the end', async () => {
  const { inbound, messages } = await setUp();
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const result = await messages({ customer: `+${ANA}`, first: 5, after });
    expect(result.errors).toBeUndefined();
    const page = result.data!.agentWhatsApp.messages!;
    seen.push(...page.nodes.map((n) => n.id));
    pages++;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  const anas = inbound.filter((m) => m.fromPhone === ANA).reverse().map((m) => m.id);
  expect(seen).toEqual(anas);
  expect(pages).toBe(3);
});

test('without a customer the agent\'s latest messages come from everyone; the customer may be given as wa_id digits', async () => {
  const { inbound, messages } = await setUp();
  const latest = await messages({ first: 3 });
  expect(latest.data!.agentWhatsApp.messages!.nodes.map((n) => n.id)).toEqual(inbound.slice(-3).reverse().map((m) => m.id));
  const bia = await messages({ customer: BIA, first: 10 });
  expect(bia.data!.agentWhatsApp.messages!.nodes.map((n) => n.content)).toEqual([{ body: 'm14' }, { body: 'm9' }, { body: 'm4' }]);
  const nobody = await messages({ customer: '+351912345678' });
  expect(nobody.data!.agentWhatsApp.messages).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
});

test('bad paging arguments are refused', async () => {
  const { messages } = await setUp();
  for (const [variables, field] of [
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ customer: 'ana' }, 'customer'],
  ] as const) {
    const result = await messages(variables);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  }
});

test('the status reports credential, webhook, activity and the 24-hour windows', async () => {
  const { app, agent, start } = await setUp();
  const status = async () =>
    (await postGraphQL(app.graphqlUrl, AgentWhatsAppStatusDocument, { authorization: agent.token, variables: { agentId: agent.agentId } })).data!
      .agentWhatsApp.status!;

  const before = await status();
  const lastInbound = new Date(start + 14 * 60_000);
  expect(before).toEqual({
    ready: false,
    credentialStatus: 'ACTIVE',
    credentialStatusReason: 'NONE',
    webhookStatus: 'PENDING',
    webhookRouting: 'UNKNOWN',
    lastInboundAt: lastInbound.toISOString(),
    lastOutboundAt: null,
    windowOpen: true,
    openWindows: 2,
    windowClosesAt: new Date(lastInbound.getTime() + 24 * 3600_000).toISOString(),
  });

  await app.orm.em.fork().nativeUpdate(WebhookEndpoint, { phoneNumberId: agent.account.phoneNumberId }, { status: WebhookStatus.ACTIVE });
  const sent = await postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: agent.token,
    variables: { input: { agentId: agent.agentId, to: `+${ANA}`, idempotencyKey: randomUUID(), text: { body: 'Olá' } } },
  });
  const after = await status();
  expect(after.ready).toBe(true);
  expect(after.webhookStatus).toBe('ACTIVE');
  expect(after.lastOutboundAt).toBe(sent.data!.sendWhatsAppMessage.timestamp);

  const conversation = await postGraphQL(app.graphqlUrl, AgentConversationDocument, {
    authorization: agent.token,
    variables: { agentId: agent.agentId, customer: `+${BIA}` },
  });
  const biaLast = new Date(start + 14 * 60_000);
  expect(conversation.data!.agentWhatsApp.conversation).toMatchObject({
    customerWaId: BIA,
    lastInboundAt: biaLast.toISOString(),
    windowOpen: true,
    windowClosesAt: new Date(biaLast.getTime() + 24 * 3600_000).toISOString(),
  });
});
