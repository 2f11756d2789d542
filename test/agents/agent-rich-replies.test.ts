import { request } from 'undici';
import { AgentReply, AgentReplyState } from '../../src/agents';
import type { Message } from '../../src/messaging';
import { QueueName } from '../../src/platform/jobs';
import type { Sandbox } from '../../src/adapters/sandbox';
import { CreateWhatsAppMediaUploadDocument, SyncWhatsAppTemplatesDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import { queueDrained, receiveInbound, seedAgent, startAgentRuntime, startAgentTestApp, waitFor, type RuntimeAnswer, type SeededAgent } from './agent-fixtures';

const CUSTOMER = '+5511987654321';
const PDF = Buffer.from('%PDF-1.4\n% a tiny invoice\n');
const ORDER_SHIPPED = [
  { type: 'BODY', text: 'Olá {{1}}, a sua encomenda {{2}} foi enviada.' },
  { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Parar' }] },
];

let app: TestApp;
let sandbox: Sandbox;
let runtime: Awaited<ReturnType<typeof startAgentRuntime>>;
// The runtime's one answer, replaced per test (every call gets the last answer of the list).
const answers: RuntimeAnswer[] = [];

beforeAll(async () => {
  runtime = await startAgentRuntime(answers);
  ({ app, sandbox } = await startAgentTestApp(runtime.env()));
});

function answerWith(reply: Record<string, unknown> | null): void {
  answers.splice(0, answers.length, { status: 200, body: { reply } });
}

const graphSends = (agent: SeededAgent) =>
  sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`${agent.account.phoneNumberId}/messages`));

async function recordOf(inbound: Message): Promise<AgentReply> {
  const done = (r: AgentReply | null) => r !== null && r.state !== AgentReplyState.PENDING && (r.state !== AgentReplyState.REPLIED || r.replyMessageId !== null);
  const record = await waitFor(() => app.orm.em.fork().findOne(AgentReply, { inboundMessageId: inbound.id }), done, 'the agent reply to settle');
  await queueDrained(app);
  return record!;
}

/** A customer message to a fresh agent, and the runtime's answer to it settled. */
async function exchange(reply: Record<string, unknown> | null, prepare?: (agent: SeededAgent) => Promise<void>) {
  answerWith(reply);
  const agent = await seedAgent(app, sandbox);
  await prepare?.(agent);
  const inbound = await receiveInbound(app, sandbox, agent);
  const record = await recordOf(inbound);
  return { agent, inbound, record, sent: sandbox.sentMessages(agent.account.phoneNumberId).map((m) => m.body) };
}

async function syncTemplates(agent: SeededAgent): Promise<void> {
  sandbox.addTemplate(agent.account.wabaId, { name: 'order_shipped', language: 'pt_BR', components: ORDER_SHIPPED });
  const result = await postGraphQL(app.graphqlUrl, SyncWhatsAppTemplatesDocument, { authorization: agent.token, variables: { credentialId: agent.credentialId } });
  expect(result.errors).toBeUndefined();
}

/** A document uploaded through the plugin, as an agent's runtime would before replying with its id. */
async function uploadDocument(agent: SeededAgent): Promise<string> {
  const created = await postGraphQL(app.graphqlUrl, CreateWhatsAppMediaUploadDocument, {
    authorization: agent.token,
    variables: { input: { agentId: agent.agentId, kind: 'DOCUMENT', mimeType: 'application/pdf', sizeBytes: PDF.length } },
  });
  expect(created.errors).toBeUndefined();
  const response = await request(created.data!.createWhatsAppMediaUpload.uploadUrl, {
    method: 'PUT',
    body: PDF,
    headers: { 'content-type': 'application/octet-stream' },
  });
  return ((await response.body.json()) as { mediaId: string }).mediaId;
}

describe('every kind of reply reaches Meta in its documented shape', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['text without a type (the first contract)', { text: 'Como posso ajudar?' }, { type: 'text', text: { body: 'Como posso ajudar?', preview_url: false } }],
    [
      'text with a type and a link preview',
      { type: 'text', text: 'Veja https://acme.example', previewUrl: true },
      { type: 'text', text: { body: 'Veja https://acme.example', preview_url: true } },
    ],
    [
      'reply buttons',
      { type: 'buttons', body: 'O seu pedido foi enviado. E agora?', footer: 'Acme', buttons: [{ id: 'track', title: 'Seguir pedido' }, { id: 'human', title: 'Falar com alguém' }] },
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          footer: { text: 'Acme' },
          body: { text: 'O seu pedido foi enviado. E agora?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'track', title: 'Seguir pedido' } },
              { type: 'reply', reply: { id: 'human', title: 'Falar com alguém' } },
            ],
          },
        },
      },
    ],
    [
      'a list',
      {
        type: 'list',
        header: 'Agenda',
        body: 'Escolha um horário',
        buttonText: 'Horários',
        sections: [
          { title: 'Manhã', rows: [{ id: 'm9', title: '09:00', description: 'Sala 2' }] },
          { title: 'Tarde', rows: [{ id: 't14', title: '14:00' }] },
        ],
      },
      {
        type: 'interactive',
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'Agenda' },
          body: { text: 'Escolha um horário' },
          action: {
            button: 'Horários',
            sections: [
              { title: 'Manhã', rows: [{ id: 'm9', title: '09:00', description: 'Sala 2' }] },
              { title: 'Tarde', rows: [{ id: 't14', title: '14:00' }] },
            ],
          },
        },
      },
    ],
    [
      'a call-to-action link',
      { type: 'cta_url', body: 'Acompanhe a entrega', displayText: 'Ver pedido', url: 'https://shop.example.com/o/1234' },
      {
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: 'Acompanhe a entrega' },
          action: { name: 'cta_url', parameters: { display_text: 'Ver pedido', url: 'https://shop.example.com/o/1234' } },
        },
      },
    ],
    ['an image by link', { type: 'image', link: 'https://cdn.example.com/a.jpg', caption: 'Recibo' }, { type: 'image', image: { link: 'https://cdn.example.com/a.jpg', caption: 'Recibo' } }],
    ['a video by link', { type: 'video', link: 'https://cdn.example.com/a.mp4' }, { type: 'video', video: { link: 'https://cdn.example.com/a.mp4' } }],
    ['an audio by link', { type: 'audio', link: 'https://cdn.example.com/a.ogg' }, { type: 'audio', audio: { link: 'https://cdn.example.com/a.ogg' } }],
    ['a sticker by link', { type: 'sticker', link: 'https://cdn.example.com/a.webp' }, { type: 'sticker', sticker: { link: 'https://cdn.example.com/a.webp' } }],
    [
      'a location',
      { type: 'location', latitude: -23.5613, longitude: -46.6565, name: 'Loja Paulista', address: 'Av. Paulista, 1000' },
      { type: 'location', location: { latitude: -23.5613, longitude: -46.6565, name: 'Loja Paulista', address: 'Av. Paulista, 1000' } },
    ],
  ];

  test.each(cases)('%s', async (_label, reply, meta) => {
    const { record, sent } = await exchange(reply);
    expect(record.state).toBe(AgentReplyState.REPLIED);
    expect(sent).toEqual([{ messaging_product: 'whatsapp', to: CUSTOMER, ...meta }]);
  });

  test('a document by the id of an upload through the plugin, quoting the customer', async () => {
    const agent = await seedAgent(app, sandbox);
    const mediaId = await uploadDocument(agent);
    answerWith({ type: 'document', mediaId, caption: 'Fatura', filename: 'fatura.pdf', quote: true });
    const inbound = await receiveInbound(app, sandbox, agent);
    expect((await recordOf(inbound)).state).toBe(AgentReplyState.REPLIED);
    expect(sandbox.sentMessages(agent.account.phoneNumberId).map((m) => m.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        to: CUSTOMER,
        type: 'document',
        document: { id: mediaId, caption: 'Fatura', filename: 'fatura.pdf' },
        context: { message_id: inbound.whatsappMessageId },
      },
    ]);
  });

  test('a reply recorded under the first contract (no type) is still sent by a retry after an upgrade', async () => {
    answerWith({ type: 'text', text: 'never asked' });
    const agent = await seedAgent(app, sandbox);
    const inbound = await receiveInbound(app, sandbox, agent, { enqueue: false });
    const em = app.orm.em.fork();
    em.create(AgentReply, { inboundMessageId: inbound.id, userId: agent.userId, agentId: agent.agentId, state: AgentReplyState.REPLIED, attempts: 1, reply: { text: 'Gravada antes', quote: true } });
    await em.flush();
    const calls = runtime.calls.length;
    await app.services.jobs.send(QueueName.AgentInbound, { messageId: inbound.id });
    expect((await recordOf(inbound)).state).toBe(AgentReplyState.REPLIED);
    expect(runtime.calls).toHaveLength(calls);
    expect(sandbox.sentMessages(agent.account.phoneNumberId).map((m) => m.body)).toEqual([
      { messaging_product: 'whatsapp', to: CUSTOMER, type: 'text', text: { body: 'Gravada antes', preview_url: false }, context: { message_id: inbound.whatsappMessageId } },
    ]);
  });

  test('a reaction lands on the customer\'s message', async () => {
    const { inbound, sent } = await exchange({ type: 'reaction', emoji: '👍' });
    expect(sent).toEqual([{ messaging_product: 'whatsapp', to: CUSTOMER, type: 'reaction', reaction: { message_id: inbound.whatsappMessageId, emoji: '👍' } }]);
  });

  test('a template that matches the synced one', async () => {
    const reply = {
      type: 'template',
      name: 'order_shipped',
      languageCode: 'pt_BR',
      components: [
        { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '#1234' }] },
        { type: 'button', subType: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'STOP_1234' }] },
      ],
    };
    const { record, sent } = await exchange(reply, syncTemplates);
    expect(record.state).toBe(AgentReplyState.REPLIED);
    expect(sent).toEqual([
      {
        messaging_product: 'whatsapp',
        to: CUSTOMER,
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { code: 'pt_BR' },
          components: [
            { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '#1234' }] },
            { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP_1234' }] },
          ],
        },
      },
    ]);
  });
});

describe('a reply Meta would refuse is refused before any call to Meta, and the runtime learns why', () => {
  const refusals: Array<[string, Record<string, unknown>, string]> = [
    [
      'four reply buttons',
      { type: 'buttons', body: 'Escolha', buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id.toUpperCase() })) },
      'BAD_USER_INPUT at reply.buttons: Give 1 to 3 buttons.',
    ],
    [
      'a button title of 25 characters',
      { type: 'buttons', body: 'Escolha', buttons: [{ id: 'a', title: 'x'.repeat(25) }] },
      'BAD_USER_INPUT at reply.buttons[0].title: reply.buttons[0].title is longer than 20 characters.',
    ],
    [
      'a list row description over 72 characters',
      { type: 'list', body: 'b', buttonText: 'Ver', sections: [{ rows: [{ id: 'r', title: 'R', description: 'd'.repeat(73) }] }] },
      'BAD_USER_INPUT at reply.sections[0].rows[0].description: reply.sections[0].rows[0].description is longer than 72 characters.',
    ],
    [
      'a call-to-action label over 20 characters',
      { type: 'cta_url', body: 'b', displayText: 'y'.repeat(21), url: 'https://shop.example.com' },
      'BAD_USER_INPUT at reply.displayText: reply.displayText is longer than 20 characters.',
    ],
    ['a caption on a sticker', { type: 'sticker', link: 'https://cdn.example.com/a.webp', caption: 'oi' }, 'BAD_USER_INPUT at reply.caption: Sticker messages cannot have a caption.'],
    ['a longitude beyond 180 degrees', { type: 'location', latitude: 0, longitude: 181 }, 'BAD_USER_INPUT at reply.longitude: longitude is decimal degrees from -180 to 180.'],
    ['a reaction that is not an emoji', { type: 'reaction', emoji: 'ok' }, 'BAD_USER_INPUT at reply.emoji: A reaction is one emoji, or empty to remove it.'],
  ];

  test.each(refusals)('%s', async (_label, reply, reason) => {
    const { agent, record, sent } = await exchange(reply);
    expect(record).toMatchObject({ state: AgentReplyState.REFUSED, lastError: reason, replyMessageId: null });
    expect(sent).toEqual([]);
    expect(graphSends(agent)).toHaveLength(0);
  });

  test('a template with the wrong parameter count is refused against the synced template, and the next request says so', async () => {
    const reply = { type: 'template', name: 'order_shipped', languageCode: 'pt_BR', components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] };
    const { agent, inbound, record } = await exchange(reply, syncTemplates);
    expect(record.state).toBe(AgentReplyState.REFUSED);
    expect(record.lastError).toMatch(/^TEMPLATE_PARAMETERS_INVALID/);
    expect(graphSends(agent)).toHaveLength(0);

    // The runtime's next request for the conversation carries the refusal; its text reply goes out.
    answerWith({ text: 'Desculpe, tente de novo.' });
    const calls = runtime.calls.length;
    const next = await receiveInbound(app, sandbox, agent, { text: 'E então?' });
    await recordOf(next);
    expect(runtime.calls).toHaveLength(calls + 1);
    expect(runtime.calls.at(-1)!.body.refusedReplies).toEqual([{ messageId: inbound.id, reason: record.lastError }]);
    expect(sandbox.sentMessages(agent.account.phoneNumberId).map((m) => m.body.type)).toEqual(['text']);
  });

  test('a reply of an unknown type breaks the contract: recorded FAILED, nothing sent', async () => {
    const { agent, record } = await exchange({ type: 'carousel', cards: [] });
    expect(record).toMatchObject({ state: AgentReplyState.FAILED, lastError: 'the agent runtime\'s answer breaks the contract at: reply.type' });
    expect(graphSends(agent)).toHaveLength(0);
  });
});
