import { randomUUID } from 'node:crypto';
import { AgentWhatsAppConfig } from '../../src/agents';
import { AuditEntry } from '../../src/audit';
import { MessageTopic, type MessageEvent } from '../../src/messaging';
import { applyRecordedStatuses, Conversation, Message, MessageDirection, MessageStatus, MessageStatusEvent } from '../../src/messaging';
import { serializeLikeMeta, type RunningSandbox, type SandboxAccount } from '../../src/adapters/sandbox';
import type { TestApp } from '../support/start-test-app';
import { InboundDeadLetter, WebhookEndpoint } from '../../src/webhooks';
import { postGraphQL } from '../support/graphql-http';
import { addTenant, configureNow, countRows, settled, startAppOn, startSandboxForTest, type Tenant } from './webhook-kit';
import { WhatsAppTemplate } from '../../src/templates';

type DeadLetterData = {
  whatsAppInboundDeadLetters: Array<{ id: string; kind?: string; reason?: string; wamid?: string }>;
  retryWhatsAppInboundDeadLetter: { id: string; retriedAt?: string | null };
};

function graphql(target: TestApp, token: string, query: string, variables: Record<string, unknown> = {}) {
  return postGraphQL<DeadLetterData>(target.graphqlUrl, query, { variables, authorization: token });
}

let running: RunningSandbox;
let app: TestApp;

beforeAll(async () => {
  running = await startSandboxForTest();
  app = await startAppOn(running);
});

/** A tenant whose number Meta routes to us, with an agent configured on it. */
async function routedTenant(options: { agent?: boolean } = {}): Promise<Tenant & { agentId: string | null }> {
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  let agentId: string | null = null;
  if (options.agent !== false) {
    agentId = randomUUID();
    const em = app.orm.em.fork();
    em.create(AgentWhatsAppConfig, { agentId, userId: tenant.userId, credential: tenant.credentialId, phoneNumberId: tenant.account.phoneNumberId });
    await em.flush();
  }
  return { ...tenant, agentId };
}

/** The messageIds of the agent-inbound jobs queued so far (no worker runs in this file, so they wait). */
async function agentJobs(): Promise<string[]> {
  const rows: Array<{ id: string }> = await app.orm.em
    .getConnection()
    .execute(`select data->>'messageId' as id from "whatsapp_connect_jobs"."job" where name = 'agent-inbound'`);
  return rows.map((r) => r.id);
}

/** Listens from now on (the pubsub attaches its listener on the first pull, so pull at once). */
function subscribe(topic: MessageTopic, agentId: string) {
  const iterator = app.services.eventBus.subscribe(topic, agentId)[Symbol.asyncIterator]();
  let pending = iterator.next();
  return {
    next: async () => {
      const { value } = await pending;
      pending = iterator.next();
      return value as MessageEvent;
    },
    close: () => iterator.return?.(),
  };
}

/** An outbound message as the send path stores it, waiting for its statuses. */
async function outbound(tenant: Tenant & { agentId: string | null }, wamid: string): Promise<Message> {
  const em = app.orm.em.fork();
  const conversation = em.create(Conversation, { userId: tenant.userId, phoneNumberId: tenant.account.phoneNumberId, customerWaId: `55119${Math.floor(Math.random() * 1e8)}`, agentId: tenant.agentId });
  const message = em.create(Message, {
    userId: tenant.userId,
    credentialId: tenant.credentialId,
    agentId: tenant.agentId,
    conversationId: conversation.id,
    whatsappMessageId: wamid,
    fromPhone: tenant.account.displayPhoneNumber,
    toPhone: conversation.customerWaId,
    direction: MessageDirection.OUTBOUND,
    messageType: 'text',
    content: { text: { body: 'Seu pedido saiu.' } },
    status: MessageStatus.SENT,
    timestamp: new Date(),
  });
  await em.flush();
  return message;
}

function messagesValue(account: SandboxAccount, value: Record<string, unknown>) {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: account.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: account.phoneNumberId },
      ...value,
    },
  };
}

let wamids = 0;
const wamid = () => `wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQ0RFRjAx${(wamids++).toString().padStart(6, '0')}AA==`;

describe('processing stored deliveries', () => {
  it('stores every documented message type, unknown ones as they came, and routes them to the number\'s agent', async () => {
    const tenant = await routedTenant();
    const events = subscribe(MessageTopic.Inbound, tenant.agentId!);
    const from = '5511987654321';
    const business = tenant.account.displayPhoneNumber.replace(/\D/g, '');
    const inputs: Array<Record<string, unknown>> = [
      { type: 'text', text: { body: 'Olá, meu pedido já saiu?' } },
      { type: 'image', image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'HgxsQHt0Ft9HPKz3ngXGMA6NBMnGtj/ZtcE7IT3wrQ8=', caption: 'o recibo' } },
      { type: 'video', video: { id: '1479537139650974', mime_type: 'video/mp4', sha256: 'sha' } },
      { type: 'audio', audio: { id: '1479537139650975', mime_type: 'audio/ogg; codecs=opus', sha256: 'sha', voice: true } },
      { type: 'document', document: { id: '1479537139650976', mime_type: 'application/pdf', sha256: 'sha', filename: 'nota.pdf' } },
      { type: 'sticker', sticker: { id: '1479537139650977', mime_type: 'image/webp', sha256: 'sha', animated: false } },
      { type: 'location', location: { latitude: -23.5505, longitude: -46.6333, name: 'Loja Centro', address: 'Praça da Sé' } },
      { type: 'contacts', contacts: [{ name: { formatted_name: 'João Silva', first_name: 'João' }, phones: [{ phone: '+55 11 91234-5678', type: 'CELL', wa_id: '5511912345678' }] }] },
      { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'track-order', title: 'Track order' } }, context: { from: business, id: wamid() } },
      { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'size-m', title: 'M', description: 'Medium' } }, context: { from: business, id: wamid() } },
      { type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: '{"flow_token":"t"}', body: 'Sent', name: 'flow' } } },
      { type: 'button', button: { payload: 'STOP_PROMOS', text: 'Parar promoções' }, context: { from: business, id: wamid() } },
      { type: 'reaction', reaction: { message_id: wamid(), emoji: '👍' } },
      { type: 'reaction', reaction: { message_id: wamid() } },
      { type: 'order', order: { catalog_id: '367025965434465', product_items: [{ product_retailer_id: 'sku-1', quantity: 2, item_price: 10, currency: 'BRL' }] } },
      { type: 'system', system: { body: 'User A changed from +55 11 98765-4321 to +55 11 91111-2222', type: 'user_changed_number', new_wa_id: '5511911112222' } },
      { type: 'unsupported', unsupported: { type: 'poll' }, errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] },
      { type: 'poll_response', poll_response: { poll_id: 'p1', option_ids: ['a'] } },
    ];
    const processed = settled(app, inputs.length);
    const wamidsSent: string[] = [];
    for (const input of inputs) {
      const result = await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from, profileName: 'Ana Souza', ...input } as never);
      expect(result.status).toBe(200);
      wamidsSent.push(result.wamid);
    }
    expect((await processed).every((d) => d.outcome === 'processed')).toBe(true);

    const em = app.orm.em.fork();
    const stored = await em.find(Message, { credentialId: tenant.credentialId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    expect(stored.map((m) => m.whatsappMessageId).sort()).toEqual([...wamidsSent].sort());
    const byWamid = new Map(stored.map((m) => [m.whatsappMessageId, m]));
    inputs.forEach((input, i) => {
      const message = byWamid.get(wamidsSent[i]!)!;
      expect(message).toMatchObject({
        direction: MessageDirection.INBOUND,
        status: MessageStatus.RECEIVED,
        messageType: input.type,
        fromPhone: from,
        toPhone: business,
        agentId: tenant.agentId,
        userId: tenant.userId,
      });
      // Content is kept whole: the type's object, context and errors, exactly as Meta sent them.
      expect(message.content).toMatchObject(input);
      expect(message.replyToMessageId).toBe((input.context as { id?: string } | undefined)?.id ?? null);
    });
    const conversation = await em.findOneOrFail(Conversation, { phoneNumberId: tenant.account.phoneNumberId, customerWaId: from });
    expect(conversation).toMatchObject({ customerName: 'Ana Souza', agentId: tenant.agentId, userId: tenant.userId });
    expect(conversation.lastInboundAt).toBeInstanceOf(Date);

    const jobs = await agentJobs();
    for (const message of stored) expect(jobs.filter((id) => id === message.id)).toHaveLength(1);
    const first = await events.next();
    expect(first).toMatchObject({ userId: tenant.userId, agentId: tenant.agentId, status: MessageStatus.RECEIVED });
    expect(stored.map((m) => m.id)).toContain(first.messageId);
    await events.close();
  });

  it('handles every entry and every change of a batch, and ignores fields that are not messages', async () => {
    const tenant = await routedTenant();
    const sentWamid = wamid();
    await outbound(tenant, sentWamid);
    const account = tenant.account;
    const ids = [wamid(), wamid(), wamid()];
    const body = serializeLikeMeta({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: account.wabaId,
          changes: [
            messagesValue(account, {
              contacts: [
                { profile: { name: 'Ana Souza' }, wa_id: '5511987654321' },
                { profile: { name: 'Bruno Lima' }, wa_id: '5521987654321' },
              ],
              messages: [
                { from: '5511987654321', id: ids[0], timestamp: '1760000000', type: 'text', text: { body: 'um' } },
                { from: '5521987654321', id: ids[1], timestamp: '1760000001', type: 'text', text: { body: 'dois' } },
              ],
            }),
            messagesValue(account, { statuses: [{ id: sentWamid, status: 'delivered', timestamp: '1760000205', recipient_id: '5511987654321', pricing: { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' } }] }),
          ],
        },
        {
          id: account.wabaId,
          time: 1760000300,
          changes: [
            messagesValue(account, { contacts: [{ profile: { name: 'Carla' }, wa_id: '5531987654321' }], messages: [{ from: '5531987654321', id: ids[2], timestamp: '1760000002', type: 'text', text: { body: 'três' } }] }),
            { field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 12345678, message_template_name: 'order_update', message_template_language: 'pt_BR', reason: 'NONE' } },
          ],
        },
      ],
    });
    const processed = settled(app);
    expect((await running.sandbox.deliverRaw(body, { phoneNumberId: account.phoneNumberId })).status).toBe(200);
    const [delivery] = await processed;
    // The template status change is used, not ignored: it is stored for the owner's number.
    expect(delivery).toMatchObject({ outcome: 'processed', counts: { messages: 3, statuses: 1, ignoredChanges: 0, rejectedChanges: 0 } });

    const em = app.orm.em.fork();
    expect(await em.find(WhatsAppTemplate, { businessAccountId: account.wabaId })).toEqual([
      expect.objectContaining({ name: 'order_update', language: 'pt_BR', status: 'APPROVED', metaTemplateId: '12345678' }),
    ]);
    expect(await em.count(Message, { whatsappMessageId: { $in: ids } })).toBe(3);
    const names = (await em.find(Conversation, { phoneNumberId: account.phoneNumberId }, { orderBy: { customerWaId: 'asc' } })).map((c) => c.customerName);
    expect(names).toEqual(expect.arrayContaining(['Ana Souza', 'Bruno Lima', 'Carla']));
    expect((await em.findOneOrFail(Message, { whatsappMessageId: sentWamid })).status).toBe(MessageStatus.DELIVERED);
    const recorded = await em.findOneOrFail(MessageStatusEvent, { whatsappMessageId: sentWamid });
    expect(recorded.payload).toMatchObject({ pricing: { category: 'service' } });
  });

  it('stores a message delivered twice once, queues its agent work once, and counts the repeat', async () => {
    const tenant = await routedTenant();
    const id = wamid();
    const deliver = () => running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', id, type: 'text', text: { body: 'de novo' } });
    const first = settled(app);
    await deliver();
    expect((await first)[0]).toMatchObject({ counts: { messages: 1, duplicateMessages: 0 } });
    const second = settled(app);
    const replay = await deliver();
    expect(replay.status).toBe(200);
    expect((await second)[0]).toMatchObject({ outcome: 'processed', counts: { messages: 0, duplicateMessages: 1 } });
    // The same bytes and signature again (a captured delivery replayed): accepted, and nothing changes.
    const third = settled(app);
    expect((await running.sandbox.deliverRaw(replay.rawBody, { url: tenant.endpoint.webhookUrl, signatureOverride: replay.signature })).status).toBe(200);
    expect((await third)[0]).toMatchObject({ counts: { messages: 0, duplicateMessages: 1 } });

    const em = app.orm.em.fork();
    const messages = await em.find(Message, { whatsappMessageId: id });
    expect(messages).toHaveLength(1);
    expect((await agentJobs()).filter((j) => j === messages[0]!.id)).toHaveLength(1);
  });

  it('applies statuses monotonically whatever order they arrive in, keeps each once, and never undoes failed', async () => {
    const tenant = await routedTenant();
    const statusEvents = subscribe(MessageTopic.Status, tenant.agentId!);
    const readFirst = wamid();
    const failing = wamid();
    const readMessage = await outbound(tenant, readFirst);
    const failingMessage = await outbound(tenant, failing);
    const phoneNumberId = tenant.account.phoneNumberId;
    const failure = {
      code: 131047,
      title: 'Re-engagement message',
      message: 'Re-engagement message',
      error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
      href: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes',
    };
    const sequence: Array<[string, string, number, Array<Record<string, unknown>>?]> = [
      [readFirst, 'read', 1760000300],
      [readFirst, 'delivered', 1760000200],
      [readFirst, 'sent', 1760000100],
      [readFirst, 'read', 1760000300],
      [readFirst, 'failed', 1760000400, [failure]],
      [failing, 'sent', 1760000100],
      [failing, 'failed', 1760000150, [failure]],
      [failing, 'delivered', 1760000200],
    ];
    // Two processing loops may apply these in any order; every expectation below holds for all orders
    // (a "read" for the failing message would not: read and failed do not replace each other).
    const processed = settled(app, sequence.length);
    for (const [id, status, timestamp, errors] of sequence) {
      expect((await running.sandbox.deliverStatus({ phoneNumberId, wamid: id, status, timestamp, recipientId: '5511987654321', errors })).status).toBe(200);
    }
    const outcomes = await processed;
    expect(outcomes.map((o) => o.counts!.duplicateStatuses).reduce((a, b) => a + b)).toBe(1);

    const em = app.orm.em.fork();
    const read = await em.findOneOrFail(Message, { id: readMessage.id });
    expect(read).toMatchObject({ status: MessageStatus.READ, errorCode: null });
    expect(read.statusAt).toEqual(new Date(1760000300 * 1000));
    const failed = await em.findOneOrFail(Message, { id: failingMessage.id });
    expect(failed).toMatchObject({ status: MessageStatus.FAILED, errorCode: 131047, errorTitle: 'Re-engagement message' });
    // The history keeps every distinct status with Meta's payload, applied or not.
    const history = await em.find(MessageStatusEvent, { whatsappMessageId: { $in: [readFirst, failing] } });
    expect(history).toHaveLength(7);
    expect(history.find((h) => h.whatsappMessageId === failing && h.status === 'failed')!.payload).toMatchObject({ errors: [failure] });

    // Only statuses that moved a message were published: each message's events climb (sent, delivered,
    // read; failed ends it) and end at its final status. Which intermediate ones depends on the order the
    // loops applied them in, so events are read until both final statuses have been seen.
    const published: MessageEvent[] = [];
    const final = new Map([[readMessage.id, MessageStatus.READ], [failingMessage.id, MessageStatus.FAILED]]);
    const seen = () => [...final].every(([id, status]) => published.some((e) => e.messageId === id && e.status === status));
    while (!seen()) published.push(await statusEvents.next());
    const rank: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };
    for (const [id, status] of final) {
      const climb = published.filter((e) => e.messageId === id).map((e) => e.status as string);
      expect(climb.at(-1)).toBe(status);
      expect(climb.map((s) => rank[s])).toEqual([...climb.map((s) => rank[s])].sort());
      expect(new Set(climb).size).toBe(climb.length);
    }
    for (const event of published) expect(event).toMatchObject({ userId: tenant.userId, agentId: tenant.agentId });
    await statusEvents.close();
  });

  it('keeps a status that arrives before the send stored its wamid, and applies it when the send catches up', async () => {
    const tenant = await routedTenant();
    const early = wamid();
    const processed = settled(app);
    await running.sandbox.deliverStatus({ phoneNumberId: tenant.account.phoneNumberId, wamid: early, status: 'delivered', timestamp: 1760000200, recipientId: '5511987654321' });
    expect((await processed)[0]).toMatchObject({ outcome: 'processed', counts: { statuses: 1 } });

    const message = await outbound(tenant, early); // the send path stores the wamid Meta returned
    const em = app.orm.em.fork();
    const applied = await em.transactional((tx) => applyRecordedStatuses(tx, message.id));
    expect(applied).toMatchObject({ messageId: message.id, status: MessageStatus.DELIVERED });
    expect((await em.fork().findOneOrFail(Message, { id: message.id })).status).toBe(MessageStatus.DELIVERED);
    expect(await em.transactional((tx) => applyRecordedStatuses(tx, message.id))).toBeNull();
  });

  it('never moves another credential\'s message, even for a wamid it knows', async () => {
    const owner = await routedTenant();
    const other = await routedTenant();
    const theirs = wamid();
    const message = await outbound(owner, theirs);
    const processed = settled(app);
    // Signed and routed as the other tenant's own number: authentic, but not about the other's messages.
    await running.sandbox.deliverStatus({ phoneNumberId: other.account.phoneNumberId, wamid: theirs, status: 'read', timestamp: 1760000300, recipientId: '5511987654321' });
    await processed;
    expect((await app.orm.em.fork().findOneOrFail(Message, { id: message.id })).status).toBe(MessageStatus.SENT);
    const ownStatus = settled(app);
    await running.sandbox.deliverStatus({ phoneNumberId: owner.account.phoneNumberId, wamid: theirs, status: 'read', timestamp: 1760000300, recipientId: '5511987654321' });
    expect((await ownStatus)[0]).toMatchObject({ counts: { statuses: 1, duplicateStatuses: 0 } });
    expect((await app.orm.em.fork().findOneOrFail(Message, { id: message.id })).status).toBe(MessageStatus.READ);
  });

  it('rejects and audits a change for another number or business account, and applies the rest', async () => {
    const tenant = await routedTenant();
    const stranger = await routedTenant();
    const ours = wamid();
    const theirs = wamid();
    const otherWaba = wamid();
    const body = serializeLikeMeta({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: tenant.account.wabaId,
          changes: [
            messagesValue(tenant.account, { messages: [{ from: '5511987654321', id: ours, timestamp: '1760000000', type: 'text', text: { body: 'ok' } }] }),
            messagesValue(stranger.account, { messages: [{ from: '5511987654321', id: theirs, timestamp: '1760000000', type: 'text', text: { body: 'injected' } }] }),
          ],
        },
        {
          id: stranger.account.wabaId,
          changes: [messagesValue(tenant.account, { messages: [{ from: '5511987654321', id: otherWaba, timestamp: '1760000000', type: 'text', text: { body: 'injected' } }] })],
        },
      ],
    });
    const processed = settled(app);
    // Signed with the tenant's own app secret and posted to the tenant's endpoint.
    expect((await running.sandbox.deliverRaw(body, { url: tenant.endpoint.webhookUrl, phoneNumberId: tenant.account.phoneNumberId })).status).toBe(200);
    expect((await processed)[0]).toMatchObject({ outcome: 'processed_with_rejections', counts: { messages: 1, rejectedChanges: 2 } });

    const em = app.orm.em.fork();
    expect(await em.count(Message, { whatsappMessageId: ours })).toBe(1);
    expect(await em.count(Message, { whatsappMessageId: { $in: [theirs, otherWaba] } })).toBe(0);
    expect(await em.count(Message, { credentialId: stranger.credentialId })).toBe(0);
    const audits = await em.find(AuditEntry, { action: 'webhook.change_rejected', targetId: tenant.endpoint.id });
    expect(audits.map((a) => a.details!.reason).sort()).toEqual(['business_account_mismatch', 'phone_number_mismatch']);
    expect(audits[0]).toMatchObject({ subjectUserId: tenant.userId, actorRole: 'system', outcome: 'rejected' });
  });

  it('rejects a malformed change by itself and keeps the others', async () => {
    const tenant = await routedTenant();
    const good = wamid();
    const body = serializeLikeMeta({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: tenant.account.wabaId,
          changes: [
            messagesValue(tenant.account, { messages: [{ from: '5511987654321', timestamp: '1760000000', type: 'text', text: { body: 'no id' } }] }),
            { field: 'messages', value: { messaging_product: 'whatsapp', messages: [] } },
            messagesValue(tenant.account, { messages: [{ from: '5511987654321', id: good, timestamp: '1760000000', type: 'text', text: { body: 'fine' } }] }),
          ],
        },
      ],
    });
    const processed = settled(app);
    expect((await running.sandbox.deliverRaw(body, { phoneNumberId: tenant.account.phoneNumberId })).status).toBe(200);
    expect((await processed)[0]).toMatchObject({ outcome: 'processed_with_rejections', counts: { messages: 1, rejectedChanges: 2 } });
    const em = app.orm.em.fork();
    expect(await em.count(Message, { credentialId: tenant.credentialId })).toBe(1);
    // A message without an id is rejected alone: its neighbours in the same change would have been kept.
    const audits = await em.find(AuditEntry, { action: { $in: ['webhook.change_rejected', 'webhook.message_rejected'] }, targetId: tenant.endpoint.id }, { orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.action, a.details!.reason])).toEqual([
      ['webhook.message_rejected', 'malformed_message'],
      ['webhook.change_rejected', 'malformed_change'],
    ]);
    expect(JSON.stringify(audits.map((a) => a.details))).not.toContain('no id'); // paths, never values
    const letters = await em.find(InboundDeadLetter, { endpointId: tenant.endpoint.id }, { orderBy: { createdAt: 'asc' } });
    expect(letters.map((l) => [l.kind, l.reason]).sort()).toEqual([['change', 'malformed_change'], ['message', 'malformed_message']]);
  });

  it('keeps one dead letter for a broken message Meta delivers twice, until it is resolved', async () => {
    const tenant = await routedTenant();
    const broken = wamid();
    const body = serializeLikeMeta({
      object: 'whatsapp_business_account',
      entry: [{ id: tenant.account.wabaId, changes: [messagesValue(tenant.account, { messages: [{ from: '5511987654321', id: broken, type: 'text', text: { body: 'sem horário' } }] })] }],
    });
    for (let copy = 0; copy < 2; copy++) {
      const processed = settled(app);
      expect((await running.sandbox.deliverRaw(body, { phoneNumberId: tenant.account.phoneNumberId })).status).toBe(200);
      expect((await processed)[0]).toMatchObject({ outcome: 'processed_with_rejections' });
    }
    const letters = await app.orm.em.fork().find(InboundDeadLetter, { endpointId: tenant.endpoint.id });
    expect(letters.map((l) => [l.kind, l.wamid, l.reason])).toEqual([['message', broken, 'malformed_message']]);
  });

  it('stores a message Meta sent without its content, with its type and Meta\'s error, for the agent and the history', async () => {
    const tenant = await routedTenant();
    const id = wamid();
    const body = serializeLikeMeta({
      object: 'whatsapp_business_account',
      entry: [{ id: tenant.account.wabaId, changes: [messagesValue(tenant.account, {
        contacts: [{ profile: { name: 'Ana' }, wa_id: '5511987654321' }],
        messages: [{ from: '5511987654321', id, timestamp: '1760000000', type: 'interactive' }],
        errors: [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong', error_data: { details: 'Message failed to send because of an unknown error.' } }],
      })] }],
    });
    const processed = settled(app);
    expect((await running.sandbox.deliverRaw(body, { phoneNumberId: tenant.account.phoneNumberId })).status).toBe(200);
    expect((await processed)[0]).toMatchObject({ outcome: 'processed', counts: { messages: 1, incompleteMessages: 1, systemErrors: 1, rejectedChanges: 0 } });
    const message = await app.orm.em.fork().findOneOrFail(Message, { whatsappMessageId: id });
    expect(message).toMatchObject({ messageType: 'interactive', agentId: tenant.agentId });
    expect(message.content).toMatchObject({ type: 'interactive', errors: [{ code: 131000 }] });
    expect(await agentJobs()).toContain(message.id);
  });

  it('scopes deduplication to the receiving number: another tenant reusing a wamid cannot suppress a message', async () => {
    const first = await routedTenant();
    const second = await routedTenant();
    const shared = wamid();
    const processed = settled(app, 2);
    await running.sandbox.deliverInboundMessage({ phoneNumberId: first.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'primeiro' }, id: shared });
    await running.sandbox.deliverInboundMessage({ phoneNumberId: second.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'segundo' }, id: shared });
    await processed;
    const em = app.orm.em.fork();
    const stored = await em.find(Message, { whatsappMessageId: shared }, { orderBy: { credentialId: 'asc' } });
    expect(stored.map((m) => m.credentialId).sort()).toEqual([first.credentialId, second.credentialId].sort());
  });

  it('stores messages for a number with no agent, and queues no agent work for them', async () => {
    const tenant = await routedTenant({ agent: false });
    const processed = settled(app);
    const { wamid: id } = await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'alguém?' } });
    await processed;
    const message = await app.orm.em.fork().findOneOrFail(Message, { whatsappMessageId: id });
    expect(message.agentId).toBeNull();
    expect(await agentJobs()).not.toContain(message.id);
  });

  it('queues agent work only when the agent will act: not when it is paused or has auto-reply off', async () => {
    const tenant = await routedTenant();
    const em = app.orm.em.fork();
    await em.nativeUpdate(AgentWhatsAppConfig, { agentId: tenant.agentId! }, { autoReply: false });
    const processed = settled(app);
    const { wamid: id } = await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'ninguém responde' } });
    await processed;
    const message = await em.fork().findOneOrFail(Message, { whatsappMessageId: id });
    expect(message.agentId).toBe(tenant.agentId);
    expect(await agentJobs()).not.toContain(message.id);
  });

  it('records on the endpoint when it last had a delivery', async () => {
    const tenant = await routedTenant();
    const before = new Date();
    const first = settled(app);
    await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'oi' } });
    await first;
    const endpoint = await app.orm.em.fork().findOneOrFail(WebhookEndpoint, { id: tenant.endpoint.id });
    expect(endpoint.lastDeliveryAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
  });

  it('re-processing a delivery (a crash after applying it, before marking it) changes nothing', async () => {
    const tenant = await routedTenant();
    const first = settled(app);
    const { wamid: id } = await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'uma vez' } });
    const [delivery] = await first;
    const before = { messages: await countRows(app, 'whatsapp_messages'), conversations: await countRows(app, 'whatsapp_conversations'), jobs: (await agentJobs()).length };

    const again = settled(app);
    await app.orm.em.fork().getConnection().execute(`update "whatsapp_connect"."webhook_deliveries" set processed_at = null, outcome = null where id = ?`, [delivery!.deliveryId]);
    app.webhooks.processor.notify();
    expect((await again)[0]).toMatchObject({ deliveryId: delivery!.deliveryId, outcome: 'processed', counts: { messages: 0, duplicateMessages: 1 } });
    expect({ messages: await countRows(app, 'whatsapp_messages'), conversations: await countRows(app, 'whatsapp_conversations'), jobs: (await agentJobs()).length }).toEqual(before);
    expect(await app.orm.em.fork().count(Message, { whatsappMessageId: id })).toBe(1);
  });

  it('sets aside the one message the database refuses as a dead letter, stores the rest of its batch, and applies it once on retry', async () => {
    const tenant = await routedTenant();
    const connection = app.orm.em.getConnection();
    // A real database refusal of one message only: a trigger raises for one text.
    await connection.execute(`
      create or replace function "whatsapp_connect".fail_message_insert() returns trigger language plpgsql as $$
      begin
        if new.content->'text'->>'body' = 'vai falhar' then raise exception 'injected failure'; end if;
        return new;
      end $$`);
    await connection.execute(`create trigger fail_message_insert before insert on "whatsapp_connect"."whatsapp_messages" for each row execute function "whatsapp_connect".fail_message_insert()`);
    try {
      const bad = wamid();
      const good = wamid();
      const body = serializeLikeMeta({
        object: 'whatsapp_business_account',
        entry: [{ id: tenant.account.wabaId, changes: [messagesValue(tenant.account, {
          contacts: [{ profile: { name: 'Dora' }, wa_id: '5541987654321' }],
          messages: [
            { from: '5541987654321', id: bad, timestamp: '1760000000', type: 'text', text: { body: 'vai falhar' } },
            { from: '5541987654321', id: good, timestamp: '1760000001', type: 'text', text: { body: 'vai dar certo' } },
          ],
        })] }],
      });
      const processed = settled(app);
      expect((await running.sandbox.deliverRaw(body, { phoneNumberId: tenant.account.phoneNumberId })).status).toBe(200);
      const [delivery] = await processed;
      expect(delivery).toMatchObject({ outcome: 'processed_with_rejections', counts: { messages: 1, deadLettered: 1 } });
      const em = app.orm.em.fork();
      expect(await em.count(Message, { whatsappMessageId: good })).toBe(1);
      expect(await em.count(Message, { whatsappMessageId: bad })).toBe(0);
      const [letter] = await em.find(InboundDeadLetter, { wamid: bad });
      expect(letter).toMatchObject({ kind: 'message', reason: 'database_refused', errorCode: 'P0001', userId: tenant.userId, retriedAt: null });
      expect(letter!.reason).not.toContain('vai falhar');

      // The owner sees it and retries it once the cause is gone.
      await connection.execute(`drop trigger if exists fail_message_insert on "whatsapp_connect"."whatsapp_messages"`);
      const token = await app.tokenFor(tenant.userId);
      const listed = await graphql(app, token, `{ whatsAppInboundDeadLetters { id kind reason wamid } }`);
      expect(listed.data!.whatsAppInboundDeadLetters).toEqual([{ id: letter!.id, kind: 'MESSAGE', reason: 'database_refused', wamid: bad }]);
      const retried = settled(app);
      const retry = await graphql(app, token, `mutation ($id: ID!) { retryWhatsAppInboundDeadLetter(id: $id) { id retriedAt } }`, { id: letter!.id });
      expect(retry.data!.retryWhatsAppInboundDeadLetter.retriedAt).not.toBeNull();
      expect((await retried)[0]).toMatchObject({ outcome: 'processed', counts: { messages: 1 } });
      expect(await em.fork().count(Message, { whatsappMessageId: bad })).toBe(1);
      const again = await graphql(app, token, `mutation ($id: ID!) { retryWhatsAppInboundDeadLetter(id: $id) { id } }`, { id: letter!.id });
      expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
      const stranger = await graphql(app, await app.tokenFor(randomUUID()), `{ whatsAppInboundDeadLetters(includeRetried: true) { id } }`);
      expect(stranger.data!.whatsAppInboundDeadLetters).toEqual([]);
    } finally {
      await connection.execute(`drop trigger if exists fail_message_insert on "whatsapp_connect"."whatsapp_messages"`);
    }
  });
});
