import { randomUUID } from 'node:crypto';
import { CredentialStatus, CredentialStatusReason, WhatsAppCredential } from '../../src/credentials';
import { Conversation, Message, MessageDirection } from '../../src/messaging';
import type { Sandbox } from '../../src/adapters/sandbox';
import {
  MarkWhatsAppMessageReadDocument,
  SendWhatsAppMessageDocument,
  type WhatsAppSendMessageInput,
} from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import { receiveInbound, seedAgent, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';

const CUSTOMER = '+5511987654321';
const CUSTOMER_WA_ID = '5511987654321';

type SendInput = Omit<WhatsAppSendMessageInput, 'idempotencyKey' | 'to'> & { idempotencyKey?: string; to?: string };

function sender(app: TestApp, agent: SeededAgent) {
  return (input: SendInput, token = agent.token) =>
    postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: token,
      variables: { input: { agentId: agent.agentId, to: CUSTOMER, idempotencyKey: randomUUID(), ...input } as WhatsAppSendMessageInput },
    });
}

const errorOf = (result: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions ?? null;
const graphSends = (sandbox: Sandbox) => sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));

async function setUp(env: Record<string, string> = {}) {
  const { app, sandbox } = await startAgentTestApp(env);
  // Auto-reply off: these tests look at sends only, not at the agent's own answers.
  const agent = await seedAgent(app, sandbox, { autoReply: false });
  return { app, sandbox, agent, send: sender(app, agent) };
}

describe('inside the 24-hour window', () => {
  test('a text is sent, stored SENT with its wamid, and the conversation records the send', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    const result = await send({ text: { body: 'Olá! Em que posso ajudar?' } });
    expect(result.errors).toBeUndefined();
    const message = result.data!.sendWhatsAppMessage;
    const [accepted] = sandbox.sentMessages(agent.account.phoneNumberId);
    expect(message).toMatchObject({
      agentId: agent.agentId,
      direction: 'OUTBOUND',
      messageType: 'text',
      status: 'SENT',
      whatsAppMessageId: accepted!.wamid,
      toPhone: CUSTOMER_WA_ID,
      content: { body: 'Olá! Em que posso ajudar?', preview_url: false },
    });
    expect(accepted!.body).toMatchObject({ to: CUSTOMER, type: 'text', text: { body: 'Olá! Em que posso ajudar?' } });
    const stored = await app.orm.em.fork().findOneOrFail(Message, { id: message.id });
    expect(stored.status).toBe('sent');
    const conversation = await app.orm.em.fork().findOneOrFail(Conversation, { id: message.conversationId });
    expect(conversation.lastOutboundAt).toBeInstanceOf(Date);
  });

  test('every content type reaches Meta in its documented shape', async () => {
    const { app, sandbox, agent, send } = await setUp();
    const inbound = await receiveInbound(app, sandbox, agent, { enqueue: false });
    const inputs: SendInput[] = [
      { image: { link: 'https://cdn.example.com/a.jpg', caption: 'Recibo' } },
      { document: { link: 'https://cdn.example.com/a.pdf', caption: 'Fatura', filename: 'fatura.pdf' } },
      { audio: { link: 'https://cdn.example.com/a.ogg' } },
      { video: { link: 'https://cdn.example.com/a.mp4' } },
      {
        buttons: {
          body: 'O seu pedido foi enviado. E agora?',
          footer: 'Acme',
          buttons: [
            { id: 'track', title: 'Seguir pedido' },
            { id: 'agent', title: 'Falar com alguém' },
          ],
        },
      },
      {
        list: {
          body: 'Escolha um horário',
          buttonText: 'Horários',
          sections: [
            { title: 'Manhã', rows: [{ id: 'm9', title: '09:00' }, { id: 'm10', title: '10:00', description: 'Sala 2' }] },
            { title: 'Tarde', rows: [{ id: 't14', title: '14:00' }] },
          ],
        },
      },
      { sticker: { link: 'https://cdn.example.com/a.webp' } },
      { location: { latitude: -23.5613, longitude: -46.6565, name: 'Loja Paulista', address: 'Av. Paulista, 1000' } },
      { ctaUrl: { body: 'Acompanhe a entrega', displayText: 'Ver pedido', url: 'https://shop.example.com/o/1234' } },
      { text: { body: 'Respondendo' }, replyToMessageId: inbound.id },
      { reaction: { messageId: inbound.id, emoji: '👍' } },
      {
        template: {
          name: 'order_shipped',
          languageCode: 'pt_BR',
          components: [
            { type: 'BODY', parameters: [{ type: 'TEXT', text: 'Ana' }, { type: 'TEXT', text: '#1234' }] },
            { type: 'BUTTON', subType: 'QUICK_REPLY', index: 0, parameters: [{ type: 'PAYLOAD', payload: 'TRACK_1234' }] },
          ],
        },
      },
    ];
    for (const input of inputs) {
      const result = await send(input);
      expect(result.errors).toBeUndefined();
    }
    const bodies = sandbox.sentMessages(agent.account.phoneNumberId).map((m) => m.body);
    expect(bodies).toEqual([
      expect.objectContaining({ type: 'image', image: { link: 'https://cdn.example.com/a.jpg', caption: 'Recibo' } }),
      expect.objectContaining({ type: 'document', document: { link: 'https://cdn.example.com/a.pdf', caption: 'Fatura', filename: 'fatura.pdf' } }),
      expect.objectContaining({ type: 'audio', audio: { link: 'https://cdn.example.com/a.ogg' } }),
      expect.objectContaining({ type: 'video', video: { link: 'https://cdn.example.com/a.mp4' } }),
      expect.objectContaining({
        type: 'interactive',
        interactive: {
          type: 'button',
          footer: { text: 'Acme' },
          body: { text: 'O seu pedido foi enviado. E agora?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'track', title: 'Seguir pedido' } },
              { type: 'reply', reply: { id: 'agent', title: 'Falar com alguém' } },
            ],
          },
        },
      }),
      expect.objectContaining({
        type: 'interactive',
        interactive: expect.objectContaining({
          type: 'list',
          action: {
            button: 'Horários',
            sections: [
              { title: 'Manhã', rows: [{ id: 'm9', title: '09:00' }, { id: 'm10', title: '10:00', description: 'Sala 2' }] },
              { title: 'Tarde', rows: [{ id: 't14', title: '14:00' }] },
            ],
          },
        }),
      }),
      expect.objectContaining({ type: 'sticker', sticker: { link: 'https://cdn.example.com/a.webp' } }),
      expect.objectContaining({ type: 'location', location: { latitude: -23.5613, longitude: -46.6565, name: 'Loja Paulista', address: 'Av. Paulista, 1000' } }),
      expect.objectContaining({
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: 'Acompanhe a entrega' },
          action: { name: 'cta_url', parameters: { display_text: 'Ver pedido', url: 'https://shop.example.com/o/1234' } },
        },
      }),
      expect.objectContaining({ type: 'text', context: { message_id: inbound.whatsappMessageId } }),
      expect.objectContaining({ type: 'reaction', reaction: { message_id: inbound.whatsappMessageId, emoji: '👍' } }),
      expect.objectContaining({
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { code: 'pt_BR' },
          components: [
            { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '#1234' }] },
            { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'TRACK_1234' }] },
          ],
        },
      }),
    ]);
  });

  test('marking a received message read reaches Meta; other messages are refused', async () => {
    const { app, sandbox, agent, send } = await setUp();
    const inbound = await receiveInbound(app, sandbox, agent, { enqueue: false });
    const read = await postGraphQL(app.graphqlUrl, MarkWhatsAppMessageReadDocument, {
      authorization: agent.token,
      variables: { messageId: inbound.id, typingIndicator: true },
    });
    expect(read.errors).toBeUndefined();
    expect(graphSends(sandbox).at(-1)?.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: inbound.whatsappMessageId,
      typing_indicator: { type: 'text' },
    });
    const sent = (await send({ text: { body: 'oi' } })).data!.sendWhatsAppMessage;
    const outbound = await postGraphQL(app.graphqlUrl, MarkWhatsAppMessageReadDocument, { authorization: agent.token, variables: { messageId: sent.id } });
    expect(errorOf(outbound)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const stranger = await postGraphQL(app.graphqlUrl, MarkWhatsAppMessageReadDocument, {
      authorization: await app.tokenFor(randomUUID()),
      variables: { messageId: inbound.id },
    });
    expect(errorOf(stranger)).toEqual({ code: 'NOT_FOUND' });
  });

  test('a send from the credential belongs to the agent serving its number', async () => {
    const { app, sandbox, agent } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    const result = await postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: agent.token,
      variables: { input: { credentialId: agent.credentialId, to: CUSTOMER, idempotencyKey: 'k1', text: { body: 'Olá' } } },
    });
    expect(result.data?.sendWhatsAppMessage).toMatchObject({ agentId: agent.agentId, status: 'SENT', credentialId: agent.credentialId });
  });
});

describe('the 24-hour window', () => {
  test('free-form content to a customer who never wrote is refused before any call to Meta; a template goes', async () => {
    const { sandbox, send } = await setUp();
    const text = await send({ text: { body: 'Olá' } });
    expect(errorOf(text)).toEqual({ code: 'WHATSAPP_REJECTED', reason: '131047' });
    expect(text.errors?.[0]?.message).toMatch(/window .* was never opened.*Only a template/);
    const buttons = await send({ buttons: { body: 'Escolha', buttons: [{ id: 'a', title: 'A' }] } });
    expect(errorOf(buttons)).toEqual({ code: 'WHATSAPP_REJECTED', reason: '131047' });
    expect(graphSends(sandbox)).toHaveLength(0);

    const template = await send({ template: { name: 'hello_world', languageCode: 'en_US' } });
    expect(template.errors).toBeUndefined();
    expect(template.data?.sendWhatsAppMessage.status).toBe('SENT');
  });

  test('a window that closed 24 hours after the last inbound message refuses free-form content', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false, timestamp: new Date(Date.now() - 24 * 3600_000 - 60_000) });
    const result = await send({ text: { body: 'Olá' } });
    expect(errorOf(result)).toEqual({ code: 'WHATSAPP_REJECTED', reason: '131047' });
    expect(result.errors?.[0]?.message).toMatch(/closed at \d{4}-/);
    expect(graphSends(sandbox)).toHaveLength(0);
  });
});

describe('validation before any call to Meta', () => {
  test.each<[string, SendInput, string]>([
    ['a number without + and country code', { to: '11987654321', text: { body: 'x' } }, 'input.to'],
    ['a text over 4,096 characters', { text: { body: 'x'.repeat(4097) } }, 'input.text.body'],
    ['four reply buttons', { buttons: { body: 'b', buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })) } }, 'input.buttons.buttons'],
    ['a button title over 20 characters', { buttons: { body: 'b', buttons: [{ id: 'a', title: 'x'.repeat(21) }] } }, 'input.buttons.buttons[0].title'],
    ['duplicate button ids', { buttons: { body: 'b', buttons: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] } }, 'input.buttons.buttons[1].id'],
    [
      'a list of 11 rows',
      { list: { body: 'b', buttonText: 'Ver', sections: [{ rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `R${i}` })) }] } },
      'input.list.sections',
    ],
    [
      'untitled sections in a multi-section list',
      { list: { body: 'b', buttonText: 'Ver', sections: [{ rows: [{ id: 'a', title: 'A' }] }, { rows: [{ id: 'b', title: 'B' }] }] } },
      'input.list.sections[0].title',
    ],
    ['a caption on audio', { audio: { link: 'https://x.example/a.ogg', caption: 'no' } }, 'input.audio.caption'],
    ['a latitude beyond 90 degrees', { location: { latitude: 90.5, longitude: 0 } }, 'input.location.latitude'],
    ['a media link that is not http(s)', { image: { link: 'file:///etc/passwd' } }, 'input.image.link'],
    ['two content fields', { text: { body: 'a' }, image: { link: 'https://x.example/a.jpg' } }, 'input'],
    ['no content', {}, 'input'],
    ['a reaction that is not one emoji', { reaction: { messageId: randomUUID(), emoji: 'ok' } }, 'input.reaction.emoji'],
    ['a template name with capitals', { template: { name: 'Hello', languageCode: 'en_US' } }, 'input.template.name'],
    [
      'a button component without its index',
      { template: { name: 'hello', languageCode: 'en', components: [{ type: 'BUTTON', subType: 'URL', parameters: [] }] } },
      'input.template.components[0].index',
    ],
    ['an idempotency key with spaces', { idempotencyKey: 'a b', text: { body: 'x' } }, 'input.idempotencyKey'],
  ])('refuses %s', async (_label, input, field) => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    const result = await send(input);
    expect(errorOf(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(graphSends(sandbox)).toHaveLength(0);
    expect(await app.orm.em.fork().count(Message, { direction: MessageDirection.OUTBOUND })).toBe(0);
  });
});

describe('refusals and Meta\'s errors', () => {
  test('a credential that is not ACTIVE is refused with CREDENTIAL_UNAVAILABLE', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    await app.orm.em.fork().nativeUpdate(WhatsAppCredential, { id: agent.credentialId }, {
      status: CredentialStatus.EXPIRED,
      statusReason: CredentialStatusReason.TOKEN_EXPIRED,
    });
    const result = await send({ text: { body: 'Olá' } });
    expect(errorOf(result)).toEqual({ code: 'CREDENTIAL_UNAVAILABLE', reason: 'TOKEN_EXPIRED' });
    expect(graphSends(sandbox)).toHaveLength(0);
  });

  test('Meta\'s refusal is stored on the message and returned typed, also to a repeat of the same send', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    sandbox.failNext(1, { code: 131026, message: 'Message undeliverable', details: 'Recipient is not a WhatsApp user' }, { pathIncludes: '/messages' });
    const input = { idempotencyKey: 'undeliverable-1', text: { body: 'Olá' } };
    const first = await send(input);
    expect(errorOf(first)).toEqual({ code: 'WHATSAPP_REJECTED', reason: '131026' });
    expect(first.errors?.[0]?.message).toContain('Recipient is not a WhatsApp user');
    const stored = await app.orm.em.fork().findOneOrFail(Message, { idempotencyKey: 'undeliverable-1' });
    expect(stored).toMatchObject({ status: 'failed', errorCode: 131026 });

    const repeat = await send(input);
    expect(errorOf(repeat)).toEqual({ code: 'WHATSAPP_REJECTED', reason: '131026' });
    expect(graphSends(sandbox)).toHaveLength(1);
  });

  test('a revoked token is CREDENTIAL_REJECTED with Meta\'s code, and no token reaches the answer', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    sandbox.revokeToken(agent.account.tokens.valid);
    const result = await send({ text: { body: 'Olá' } });
    expect(errorOf(result)).toEqual({ code: 'CREDENTIAL_REJECTED', reason: '190' });
    expect(JSON.stringify(result)).not.toContain(agent.account.tokens.valid);
  });

  test('a brief throttle is retried with backoff and the message is sent once', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    sandbox.failNext(1, { code: 130429, message: 'Rate limit hit' }, { pathIncludes: '/messages' });
    const before = sandbox.sentMessages(agent.account.phoneNumberId).length;
    const result = await send({ idempotencyKey: 'throttled-once', text: { body: 'Olá' } });
    expect(result.data?.sendWhatsAppMessage.status).toBe('SENT');
    expect(sandbox.sentMessages(agent.account.phoneNumberId).length).toBe(before + 1);
    expect(await app.orm.em.fork().count(Message, { idempotencyKey: 'throttled-once' })).toBe(1);
  });

  test('throttling beyond the retries keeps nothing, so the same key sends once Meta lets it through', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    sandbox.failNext(3, { code: 130429, message: 'Rate limit hit' }, { pathIncludes: '/messages' });
    const input = { idempotencyKey: 'throttled-1', text: { body: 'Olá' } };
    const first = await send(input);
    expect(errorOf(first)).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 1, reason: '130429' });
    expect(await app.orm.em.fork().count(Message, { idempotencyKey: 'throttled-1' })).toBe(0);
    const second = await send(input);
    expect(second.data?.sendWhatsAppMessage.status).toBe('SENT');
  });

  test('no answer in time is kept FAILED as an unknown outcome and never sent again under that key', async () => {
    const { app, sandbox, agent, send } = await setUp({ WHATSAPP_TIMEOUT_MS: '300' });
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    sandbox.setLatency(1000);
    const input = { idempotencyKey: 'slow-1', text: { body: 'Olá' } };
    const first = await send(input);
    expect(errorOf(first)).toEqual({ code: 'DEPENDENCY_UNAVAILABLE', reason: 'OUTCOME_UNKNOWN' });
    sandbox.setLatency(0);
    const repeat = await send(input);
    expect(errorOf(repeat)).toEqual({ code: 'DEPENDENCY_UNAVAILABLE', reason: 'OUTCOME_UNKNOWN' });
    expect(graphSends(sandbox)).toHaveLength(1);
    expect(await app.orm.em.fork().findOneOrFail(Message, { idempotencyKey: 'slow-1' })).toMatchObject({ status: 'failed', errorCode: null });
  });
});

describe('idempotency', () => {
  test('a repeated send returns the stored message and calls Meta once, even when concurrent', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    const input = { idempotencyKey: 'order-1234-shipped', text: { body: 'Enviado!' } };
    const results = await Promise.all(Array.from({ length: 5 }, () => send(input)));
    const ids = new Set(results.map((r) => r.data?.sendWhatsAppMessage.id));
    expect(ids.size).toBe(1);
    const later = await send(input);
    expect(later.data?.sendWhatsAppMessage).toMatchObject({ status: 'SENT' });
    expect(ids.has(later.data?.sendWhatsAppMessage.id)).toBe(true);
    expect(graphSends(sandbox)).toHaveLength(1);
  });

  test('sends arriving together are stored together: each distinct key sends once, a repeat replays, a different message under a taken key is a CONFLICT', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => send({ idempotencyKey: `together-${i}`, text: { body: `n${i}` } })),
      send({ idempotencyKey: 'together-0', text: { body: 'n0' } }),
      send({ idempotencyKey: 'together-1', text: { body: 'not n1' } }),
    ]);
    // Which of two requests with one key reaches the server first is up to the network.
    const [first1, other1] = [results[1]!, results[7]!].sort((a, b) => Number(!!a.errors) - Number(!!b.errors));
    expect(errorOf(other1!)).toEqual({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    const sent = [first1, ...results.slice(2, 6)].map((r) => r!.data?.sendWhatsAppMessage);
    expect(sent.map((m) => m?.status)).toEqual(Array(5).fill('SENT'));
    // The repeat got the one message of its key (PENDING if it asked while the first was at Meta).
    const repeats = [results[0]!, results[6]!].map((r) => r.data?.sendWhatsAppMessage);
    expect(repeats[0]!.id).toBe(repeats[1]!.id);
    expect(repeats.map((m) => m!.status)).toContain('SENT');
    expect(new Set([...sent, repeats[0]].map((m) => m!.id)).size).toBe(6);
    expect(graphSends(sandbox)).toHaveLength(6);
    const stored = await app.orm.em.fork().find(Message, { idempotencyKey: { $like: 'together-%' } });
    expect(stored.map((m) => m.status)).toEqual(Array(6).fill('sent'));
  });

  test('the same key with a different message is a CONFLICT', async () => {
    const { app, sandbox, agent, send } = await setUp();
    await receiveInbound(app, sandbox, agent, { enqueue: false });
    await send({ idempotencyKey: 'k', text: { body: 'one' } });
    const other = await send({ idempotencyKey: 'k', text: { body: 'two' } });
    expect(errorOf(other)).toEqual({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    expect(graphSends(sandbox)).toHaveLength(1);
  });
});
