import { AgentReply, AgentReplyState } from '../../src/agents';
import { CredentialStatus, CredentialStatusReason, WhatsAppCredential } from '../../src/credentials';
import { QueueName } from '../../src/platform/jobs';
import { Message, MessageDirection } from '../../src/messaging';
import type { Sandbox } from '../../src/adapters/sandbox';
import { UpdateAgentWhatsAppDocument, type WhatsAppWeekday } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import {
  queueDrained,
  receiveInbound,
  seedAgent,
  startAgentRuntime,
  startAgentTestApp,
  waitFor,
  type RuntimeAnswer,
  type SeededAgent,
} from './agent-fixtures';

const WEEK: WhatsAppWeekday[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const allWeek = { enabled: true, timezone: 'UTC', schedule: WEEK.map((day) => ({ day, start: '00:00', end: '24:00' })) };
// Open only on the weekday three days from now (UTC): closed at every instant of this test.
const closedNow = { enabled: true, timezone: 'UTC', schedule: [{ day: WEEK[(new Date().getUTCDay() + 3) % 7]!, start: '09:00', end: '17:00' }] };

const texts = (sandbox: Sandbox, agent: SeededAgent) =>
  sandbox.sentMessages(agent.account.phoneNumberId).map((m) => (m.body.text as { body: string } | undefined)?.body);

async function setUp(answers?: RuntimeAnswer[], settings: Parameters<typeof seedAgent>[2] = {}) {
  const runtime = await startAgentRuntime(answers);
  const { app, sandbox } = await startAgentTestApp(runtime.env());
  const agent = await seedAgent(app, sandbox, settings);
  return { runtime, app, sandbox, agent };
}

async function sentCount(sandbox: Sandbox, agent: SeededAgent, count: number): Promise<void> {
  await waitFor(() => sandbox.sentMessages(agent.account.phoneNumberId).length, (n) => n >= count, `${count} message(s) at the simulator`);
}

async function replyOf(app: TestApp, inboundId: string): Promise<AgentReply | null> {
  return app.orm.em.fork().findOne(AgentReply, { inboundMessageId: inboundId });
}

describe('with auto-reply on', () => {
  test('the runtime gets one signed request and its reply reaches the customer once', async () => {
    const { runtime, app, sandbox, agent } = await setUp();
    const inbound = await receiveInbound(app, sandbox, agent);
    await sentCount(sandbox, agent, 1);
    await queueDrained(app);

    expect(runtime.calls).toHaveLength(1);
    const [call] = runtime.calls;
    expect(call!.signatureValid).toBe(true);
    expect(call!.headers['idempotency-key']).toBe(inbound.id);
    expect(call!.headers['x-whatsapp-connect-attempt']).toBe('1');
    expect(call!.body).toEqual({
      version: 1,
      type: 'whatsapp.inbound_message',
      idempotencyKey: inbound.id,
      attempt: 1,
      agent: { id: agent.agentId, userId: agent.userId },
      conversation: { id: inbound.conversationId, customer: { waId: '5511987654321', name: 'Ana' }, firstContact: true },
      message: {
        id: inbound.id,
        wamid: inbound.whatsappMessageId,
        type: 'text',
        text: 'Olá, preciso de ajuda',
        content: { body: 'Olá, preciso de ajuda' },
        timestamp: inbound.timestamp.toISOString(),
      },
      history: [],
    });
    expect(texts(sandbox, agent)).toEqual(['Como posso ajudar?']);
    expect(sandbox.sentMessages(agent.account.phoneNumberId)[0]!.body.to).toBe('+5511987654321');

    const marker = await replyOf(app, inbound.id);
    expect(marker).toMatchObject({ state: AgentReplyState.REPLIED, attempts: 1, replyMessageId: expect.any(String) });
    const reply = await app.orm.em.fork().findOneOrFail(Message, { id: marker!.replyMessageId! });
    expect(reply).toMatchObject({ direction: MessageDirection.OUTBOUND, agentId: agent.agentId, status: 'sent', idempotencyKey: `agent:reply:${inbound.id}` });
  });

  test('a welcome goes out on the first contact only, and the runtime sees the history', async () => {
    const { runtime, app, sandbox, agent } = await setUp(undefined, { welcomeMessage: 'Bem-vindo à Acme!' });
    await receiveInbound(app, sandbox, agent, { text: 'Oi' });
    await sentCount(sandbox, agent, 2);
    await queueDrained(app);
    await receiveInbound(app, sandbox, agent, { text: 'Ainda aí?' });
    await sentCount(sandbox, agent, 3);
    await queueDrained(app);

    expect(texts(sandbox, agent)).toEqual(['Bem-vindo à Acme!', 'Como posso ajudar?', 'Como posso ajudar?']);
    expect(runtime.calls.map((c) => (c.body.conversation as { firstContact: boolean }).firstContact)).toEqual([true, false]);
    expect((runtime.calls[1]!.body.history as Array<{ direction: string; text: string }>).map((h) => [h.direction, h.text])).toEqual([
      ['inbound', 'Oi'],
      ['outbound', 'Bem-vindo à Acme!'],
      ['outbound', 'Como posso ajudar?'],
    ]);
  });

  test('outside business hours the fallback goes out once per closed period and the runtime is not called', async () => {
    const { runtime, app, sandbox, agent } = await setUp(undefined, { fallbackMessage: 'Estamos fechados; voltamos amanhã.', businessHours: closedNow });
    await receiveInbound(app, sandbox, agent, { text: 'Olá?' });
    await sentCount(sandbox, agent, 1);
    await queueDrained(app);
    await receiveInbound(app, sandbox, agent, { text: 'Alguém?' });
    await queueDrained(app);

    expect(texts(sandbox, agent)).toEqual(['Estamos fechados; voltamos amanhã.']);
    expect(runtime.calls).toHaveLength(0);
  });

  test('inside business hours the runtime answers', async () => {
    const { runtime, app, sandbox, agent } = await setUp(undefined, { fallbackMessage: 'Fechado', businessHours: allWeek });
    await receiveInbound(app, sandbox, agent);
    await sentCount(sandbox, agent, 1);
    await queueDrained(app);
    expect(texts(sandbox, agent)).toEqual(['Como posso ajudar?']);
    expect(runtime.calls).toHaveLength(1);
  });

  test('a runtime with nothing to say sends nothing', async () => {
    const { runtime, app, sandbox, agent } = await setUp([{ status: 200, body: { reply: null } }]);
    const inbound = await receiveInbound(app, sandbox, agent);
    await runtime.called(1);
    await queueDrained(app);
    expect(sandbox.sentMessages(agent.account.phoneNumberId)).toHaveLength(0);
    expect((await replyOf(app, inbound.id))?.state).toBe(AgentReplyState.NO_REPLY);
  });
});

describe('retries never call the runtime twice for an answer, nor send twice', () => {
  test('a failed send of the reply is retried by the queue without asking the runtime again', async () => {
    const { runtime, app, sandbox, agent } = await setUp();
    // The reply's first send meets a Meta outage (no Graph error body): the job fails and is retried.
    sandbox.failNext(1, { httpStatus: 502 }, { pathIncludes: '/messages' });
    const inbound = await receiveInbound(app, sandbox, agent);
    await sentCount(sandbox, agent, 1);
    await queueDrained(app);

    expect(runtime.calls).toHaveLength(1);
    expect(texts(sandbox, agent)).toEqual(['Como posso ajudar?']);
    expect(sandbox.requests().filter((r) => r.path.endsWith('/messages'))).toHaveLength(2);
    expect(await replyOf(app, inbound.id)).toMatchObject({ state: AgentReplyState.REPLIED, attempts: 1 });
  });

  test('the same job enqueued twice calls the runtime once and replies once', async () => {
    const { runtime, app, sandbox, agent } = await setUp([{ status: 200, body: { reply: { text: 'Olá!' } }, delayMs: 300 }]);
    const inbound = await receiveInbound(app, sandbox, agent);
    await app.services.jobs.send(QueueName.AgentInbound, { messageId: inbound.id });
    await sentCount(sandbox, agent, 1);
    await queueDrained(app);

    expect(runtime.calls).toHaveLength(1);
    expect(texts(sandbox, agent)).toEqual(['Olá!']);
  });

  test('a runtime failure is retried with the same idempotency key, then replied once', async () => {
    const { runtime, app, sandbox, agent } = await setUp([{ status: 503 }, { status: 200, body: { reply: { text: 'Voltei!' } } }]);
    const inbound = await receiveInbound(app, sandbox, agent);
    await sentCount(sandbox, agent, 1);
    await queueDrained(app);

    expect(runtime.calls.map((c) => [c.headers['idempotency-key'], c.headers['x-whatsapp-connect-attempt']])).toEqual([
      [inbound.id, '1'],
      [inbound.id, '2'],
    ]);
    expect(texts(sandbox, agent)).toEqual(['Voltei!']);
  });

  test('a refusal (4xx) or an answer outside the contract is final: no retry, no reply', async () => {
    const { runtime, app, sandbox, agent } = await setUp([{ status: 422, body: { error: 'no' } }]);
    const first = await receiveInbound(app, sandbox, agent);
    await runtime.called(1);
    await queueDrained(app);
    expect(await replyOf(app, first.id)).toMatchObject({ state: AgentReplyState.FAILED, lastError: 'the agent runtime answered HTTP 422' });

    const { runtime: broken, app: app2, sandbox: sandbox2, agent: agent2 } = await setUp([{ status: 200, body: { reply: { text: '' } } }]);
    const second = await receiveInbound(app2, sandbox2, agent2);
    await broken.called(1);
    await queueDrained(app2);
    expect(await replyOf(app2, second.id)).toMatchObject({ state: AgentReplyState.FAILED });
    expect(sandbox.sentMessages(agent.account.phoneNumberId)).toHaveLength(0);
    expect(sandbox2.sentMessages(agent2.account.phoneNumberId)).toHaveLength(0);
    expect(runtime.calls).toHaveLength(1);
  });
});

describe('with the agent quiet', () => {
  test.each([
    ['auto-reply off', { autoReply: false }],
    ['paused', {}],
  ])('%s: nothing beyond what ingestion stored', async (label, settings) => {
    const { runtime, app, sandbox, agent } = await setUp(undefined, { ...settings, welcomeMessage: 'Olá' });
    if (label === 'paused') {
      await postGraphQL(app.graphqlUrl, UpdateAgentWhatsAppDocument, { authorization: agent.token, variables: { agentId: agent.agentId, input: { enabled: false } } });
    }
    const inbound = await receiveInbound(app, sandbox, agent);
    await queueDrained(app);
    expect(runtime.calls).toHaveLength(0);
    expect(sandbox.sentMessages(agent.account.phoneNumberId)).toHaveLength(0);
    expect(await replyOf(app, inbound.id)).toBeNull();
  });

  test('a credential that is not ACTIVE: the runtime is not asked for a reply that could not be sent', async () => {
    const { runtime, app, sandbox, agent } = await setUp(undefined, { welcomeMessage: 'Olá' });
    await app.orm.em.fork().nativeUpdate(WhatsAppCredential, { id: agent.credentialId }, { status: CredentialStatus.INVALID, statusReason: CredentialStatusReason.TOKEN_INVALID });
    const inbound = await receiveInbound(app, sandbox, agent);
    await queueDrained(app);
    expect(runtime.calls).toHaveLength(0);
    expect(sandbox.sentMessages(agent.account.phoneNumberId)).toHaveLength(0);
    expect(await replyOf(app, inbound.id)).toBeNull();
  });
});
