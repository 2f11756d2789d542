import { print } from 'graphql';
import type { Sandbox } from '../../src/adapters/sandbox';
import { Conversation, Message, MessageDirection } from '../../src/messaging';
import { InboundDeadLetter } from '../../src/webhooks';
import { RetryWhatsAppInboundDeadLetterDocument, WhatsAppMessageChangesDocument, type WhatsAppMessageChangesSubscription } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { queueDrained, seedAgent, startAgentRuntime, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';
import { createDeferred } from '../support/deferred';
import type { TestApp } from '../support/start-test-app';
import { connectSubscriptions } from '../support/subscription-client';
import { configureNow, eventually, settled } from './webhook-kit';

const CUSTOMER = '5511987654321';

let runtime: Awaited<ReturnType<typeof startAgentRuntime>>;
let app: TestApp;
let sandbox: Sandbox;

beforeAll(async () => {
  runtime = await startAgentRuntime();
  ({ app, sandbox } = await startAgentTestApp(runtime.env()));
});

async function routedAgent(): Promise<SeededAgent> {
  const agent = await seedAgent(app, sandbox);
  await configureNow(app, agent.credentialId);
  return agent;
}

/** Every event of the inbound subscription, as a real graphql-ws client receives them. */
async function watch(agent: SeededAgent) {
  const events: Array<WhatsAppMessageChangesSubscription['whatsAppMessageReceived']> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const { client } = connectSubscriptions(app.subscriptionsUrl, agent.token);
  const connected = createDeferred<void>();
  client.on('connected', () => connected.resolve());
  client.subscribe<WhatsAppMessageChangesSubscription>(
    { query: print(WhatsAppMessageChangesDocument), variables: { agentId: agent.agentId } },
    {
      next: (value) => {
        events.push(value.data!.whatsAppMessageReceived);
        for (const waiter of waiters.filter((w) => events.length >= w.count)) waiter.resolve();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await connected.promise;
  return {
    events,
    count: (count: number) => (events.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
  };
}

const rowOf = (wamid: string) => app.orm.em.fork().findOneOrFail(Message, { whatsappMessageId: wamid });

test('an edit replaces the text and keeps the earlier one, a revoke withdraws it; the runtime and the subscription hear of both', async () => {
  const agent = await routedAgent();
  const feed = await watch(agent);
  // Subscriptions are live on the server once the first event can flow: the message itself is the first.
  const phoneNumberId = agent.account.phoneNumberId;
  const calls = runtime.calls.length;

  const original = await sandbox.deliverInboundMessage({ phoneNumberId, from: CUSTOMER, type: 'text', text: { body: 'Quero 2 pizzas' } });
  await runtime.called(calls + 1);
  await queueDrained(app);

  let done = settled(app);
  const edit = await sandbox.deliverMessageEdit({ phoneNumberId, from: CUSTOMER, originalWamid: original.wamid, message: { type: 'text', text: { body: 'Quero 3 pizzas' } } });
  expect(edit.status).toBe(200);
  expect((await done)[0]).toMatchObject({ outcome: 'processed', counts: { messages: 0, messageChanges: 1 } });
  await runtime.called(calls + 2);

  const edited = await rowOf(original.wamid);
  expect(edited.content).toMatchObject({ type: 'text', text: { body: 'Quero 3 pizzas' }, from: CUSTOMER, id: original.wamid });
  expect(edited.edits).toEqual([expect.objectContaining({ editWhatsAppMessageId: edit.wamid, previousType: 'text', previousContent: expect.objectContaining({ text: { body: 'Quero 2 pizzas' } }) })]);
  expect(edited.editedAt).toBeInstanceOf(Date);
  // The edit changed the message; it is not a message of its own.
  expect(await app.orm.em.fork().count(Message, { credentialId: agent.credentialId, direction: MessageDirection.INBOUND })).toBe(1);

  const notice = runtime.calls[calls + 1]!;
  expect(notice.signatureValid).toBe(true);
  expect(notice.headers['idempotency-key']).toBe(`${edited.id}:edited:${edit.wamid}`);
  expect(notice.body).toMatchObject({
    version: 1,
    type: 'whatsapp.message_edited',
    agent: { id: agent.agentId, userId: agent.userId },
    conversation: { id: edited.conversationId, customer: { waId: CUSTOMER } },
    message: { id: edited.id, wamid: original.wamid, type: 'text', text: 'Quero 3 pizzas', previousText: 'Quero 2 pizzas' },
  });
  // A notice, not a question: nothing was sent to the customer in answer to it.
  expect(sandbox.sentMessages(phoneNumberId)).toHaveLength(1);

  // Meta delivers the same edit again: nothing changes twice.
  done = settled(app);
  await sandbox.deliverMessageEdit({ phoneNumberId, from: CUSTOMER, originalWamid: original.wamid, id: edit.wamid, message: { type: 'text', text: { body: 'Quero 3 pizzas' } } });
  expect((await done)[0]).toMatchObject({ counts: { messageChanges: 0, duplicateMessages: 1 } });
  expect((await rowOf(original.wamid)).edits).toHaveLength(1);

  done = settled(app);
  const revoke = await sandbox.deliverMessageRevoke({ phoneNumberId, from: CUSTOMER, originalWamid: original.wamid });
  expect((await done)[0]).toMatchObject({ counts: { messageChanges: 1 } });
  await runtime.called(calls + 3);
  const revoked = await rowOf(original.wamid);
  expect(revoked).toMatchObject({ content: {}, edits: [], messageType: 'text' });
  expect(revoked.revokedAt).toBeInstanceOf(Date);
  expect(runtime.calls[calls + 2]!.body).toMatchObject({ type: 'whatsapp.message_revoked', idempotencyKey: `${revoked.id}:revoked`, message: { id: revoked.id, text: null } });
  expect(revoke.status).toBe(200);

  await feed.count(3);
  expect(feed.events.map((e) => [e.id, e.editedAt !== null, e.revokedAt !== null])).toEqual([
    [edited.id, false, false],
    [edited.id, true, false],
    [edited.id, true, true],
  ]);
  expect(feed.events[1]!.edits).toEqual([expect.objectContaining({ editWhatsAppMessageId: edit.wamid, previousType: 'text' })]);
  expect(feed.events[2]!.content).toEqual({});
  await queueDrained(app);
});

test('an edit of a message not here is dead-lettered to apply later; a malformed one is dead-lettered as such', async () => {
  const agent = await routedAgent();
  const phoneNumberId = agent.account.phoneNumberId;

  let done = settled(app);
  const orphan = await sandbox.deliverMessageEdit({ phoneNumberId, from: CUSTOMER, originalWamid: 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDAwMDAwMDAwMDAwMDAwMDAA', message: { type: 'text', text: { body: 'corrigido' } } });
  expect((await done)[0]).toMatchObject({ outcome: 'processed_with_rejections', counts: { messageChanges: 0, deadLettered: 1 } });
  const letter = await eventually(() => app.orm.em.fork().findOne(InboundDeadLetter, { wamid: orphan.wamid }), (l) => l !== null);
  expect(letter).toMatchObject({ reason: 'original_message_not_found' });

  // The original arrives late; retrying the dead letter then applies the edit to it.
  done = settled(app);
  await sandbox.deliverInboundMessage({ phoneNumberId, from: CUSTOMER, type: 'text', text: { body: 'original' }, id: 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDAwMDAwMDAwMDAwMDAwMDAA' });
  await done;
  done = settled(app);
  const retried = await postGraphQL(app.graphqlUrl, RetryWhatsAppInboundDeadLetterDocument, { authorization: agent.token, variables: { id: letter!.id } });
  expect(retried.errors).toBeUndefined();
  expect((await done)[0]).toMatchObject({ outcome: 'processed', counts: { messageChanges: 1 } });
  expect(await rowOf('wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDAwMDAwMDAwMDAwMDAwMDAA')).toMatchObject({ content: expect.objectContaining({ text: { body: 'corrigido' } }), edits: [expect.objectContaining({ editWhatsAppMessageId: orphan.wamid })] });

  done = settled(app);
  const malformed = await sandbox.deliverInboundMessage({ phoneNumberId, from: CUSTOMER, type: 'edit', edit: { message: { type: 'text', text: { body: 'sem original' } } } });
  expect((await done)[0]).toMatchObject({ outcome: 'processed_with_rejections', counts: { deadLettered: 1 } });
  expect(await app.orm.em.fork().findOne(InboundDeadLetter, { wamid: malformed.wamid })).toMatchObject({ reason: 'malformed_message' });
});

describe('smb_message_echoes', () => {
  test('the owner\'s message from the WhatsApp Business app is history sent by a person, and the agent keeps quiet for a while', async () => {
    const agent = await routedAgent();
    const phoneNumberId = agent.account.phoneNumberId;
    const calls = runtime.calls.length;
    await sandbox.deliverInboundMessage({ phoneNumberId, from: CUSTOMER, type: 'text', text: { body: 'Oi' } });
    await runtime.called(calls + 1);
    await queueDrained(app);

    const done = settled(app);
    const echo = await sandbox.deliverOwnerEcho({ phoneNumberId, to: CUSTOMER, type: 'text', text: { body: 'Aqui é o João, já te ajudo' } });
    expect(echo.status).toBe(200);
    expect((await done)[0]).toMatchObject({ outcome: 'processed', counts: { messages: 1 } });
    const stored = await rowOf(echo.wamid);
    expect(stored).toMatchObject({ direction: MessageDirection.OUTBOUND, origin: 'BUSINESS_APP', status: 'sent', toPhone: CUSTOMER, agentId: agent.agentId, messageType: 'text' });
    expect(stored.content).toMatchObject({ text: { body: 'Aqui é o João, já te ajudo' } });
    const conversation = await app.orm.em.fork().findOneOrFail(Conversation, { id: stored.conversationId });
    expect(conversation.agentPausedUntil!.getTime() - stored.timestamp.getTime()).toBe(30 * 60_000);

    // The customer answers the owner: the agent's job runs and stays silent.
    const answered = settled(app);
    await sandbox.deliverInboundMessage({ phoneNumberId, from: CUSTOMER, type: 'text', text: { body: 'Obrigado, João' } });
    await answered;
    await queueDrained(app);
    expect(runtime.calls).toHaveLength(calls + 1);
  });

  test('a pause of 0 minutes never silences the agent', async () => {
    const agent = await seedAgent(app, sandbox, { ownerReplyPauseMinutes: 0 });
    await configureNow(app, agent.credentialId);
    const phoneNumberId = agent.account.phoneNumberId;
    const calls = runtime.calls.length;
    const done = settled(app);
    await sandbox.deliverOwnerEcho({ phoneNumberId, to: CUSTOMER, type: 'text', text: { body: 'Bom dia' } });
    await done;
    await sandbox.deliverInboundMessage({ phoneNumberId, from: CUSTOMER, type: 'text', text: { body: 'Bom dia!' } });
    await runtime.called(calls + 1);
    await queueDrained(app);
  });
});
