import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { qualifiedTable } from '../../src/platform/db/orm';
import { Conversation, Message, MessageDirection, MessageStatus } from '../../src/messaging';
import { SendLedger } from '../../src/messaging/send-ledger';
import { startTestOrm } from '../support/test-database';

let orm: MikroORM;
let ledger: SendLedger;

beforeAll(async () => {
  ({ orm } = await startTestOrm());
  ledger = new SendLedger(orm);
});

async function seedConversation(customerWaId = `55119${Math.floor(Math.random() * 1e8)}`): Promise<Conversation> {
  const em = orm.em.fork();
  const conversation = em.create(Conversation, { userId: randomUUID(), phoneNumberId: 'phone-1', customerWaId, lastInboundAt: new Date() });
  await em.flush();
  return conversation;
}

function pendingMessage(conversation: Conversation, idempotencyKey: string, credentialId = 'c0000000-0000-4000-8000-000000000001'): Message {
  const message = new Message();
  Object.assign(message, {
    userId: conversation.userId,
    credentialId,
    conversationId: conversation.id,
    idempotencyKey,
    requestFingerprint: `fp-${idempotencyKey}`,
    fromPhone: '15550001',
    toPhone: conversation.customerWaId,
    direction: MessageDirection.OUTBOUND,
    messageType: 'text',
    content: { body: idempotencyKey },
    status: MessageStatus.PENDING,
    timestamp: new Date(),
  });
  return message;
}

/** The transaction that last wrote each row: rows written by one statement share it. */
async function writersOf(ids: string[]): Promise<Set<string>> {
  const rows = (await orm.em.getConnection().execute(`select xmin::text as x from ${qualifiedTable(orm.em, Message)} where id in (${ids.map(() => '?').join(', ')})`, ids)) as Array<{ x: string }>;
  return new Set(rows.map((r) => r.x));
}

test('the PENDING rows of concurrent sends in one turn are stored by one statement, each caller told its own outcome', async () => {
  const conversation = await seedConversation();
  const messages = Array.from({ length: 12 }, (_, i) => pendingMessage(conversation, `batch-${i}`));
  const stored = await Promise.all(messages.map((m) => ledger.insertPending(orm.em.fork(), m)));
  expect(stored).toEqual(messages.map(() => true));
  expect(await writersOf(messages.map((m) => m.id))).toHaveProperty('size', 1);
});

test('a key already used, or used twice in the same batch, is reported taken and the first message is the one kept', async () => {
  const conversation = await seedConversation();
  const earlier = pendingMessage(conversation, 'again');
  expect(await ledger.insertPending(orm.em.fork(), earlier)).toBe(true);

  const repeat = pendingMessage(conversation, 'again');
  const first = pendingMessage(conversation, 'twice-in-one-batch');
  const second = pendingMessage(conversation, 'twice-in-one-batch');
  const fresh = pendingMessage(conversation, 'fresh');
  const outcomes = await Promise.all([repeat, first, second, fresh].map((m) => ledger.insertPending(orm.em.fork(), m)));
  expect(outcomes).toEqual([false, true, false, true]);
  const em = orm.em.fork();
  expect((await em.findOneOrFail(Message, { credentialId: earlier.credentialId, idempotencyKey: 'again' })).id).toBe(earlier.id);
  expect((await em.findOneOrFail(Message, { credentialId: first.credentialId, idempotencyKey: 'twice-in-one-batch' })).id).toBe(first.id);
  // The same key under another credential is another send.
  expect(await ledger.insertPending(orm.em.fork(), pendingMessage(conversation, 'again', 'c0000000-0000-4000-8000-000000000002'))).toBe(true);
});

test('a row PostgreSQL refuses fails its own caller only; the rest of the batch is stored', async () => {
  const conversation = await seedConversation();
  const good = [pendingMessage(conversation, 'ok-1'), pendingMessage(conversation, 'ok-2')];
  const bad = pendingMessage(conversation, 'bad');
  (bad as { content: unknown }).content = null; // NOT NULL column
  const settled = await Promise.allSettled([good[0]!, bad, good[1]!].map((m) => ledger.insertPending(orm.em.fork(), m)));
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const em = orm.em.fork();
  expect(await em.count(Message, { id: { $in: good.map((m) => m.id) } })).toBe(2);
  expect(await em.count(Message, { id: bad.id })).toBe(0);
});

test('SENT updates of one turn are one statement; a message already past PENDING keeps its status; the conversation gets the latest send', async () => {
  const conversation = await seedConversation();
  const messages = Array.from({ length: 5 }, (_, i) => pendingMessage(conversation, `sent-${i}`));
  await Promise.all(messages.map((m) => ledger.insertPending(orm.em.fork(), m)));
  // A status webhook got to the last one first.
  await orm.em.fork().nativeUpdate(Message, { id: messages[4]!.id }, { status: MessageStatus.DELIVERED });

  const base = Date.now();
  await Promise.all(
    messages.map((m, i) => {
      Object.assign(m, { status: MessageStatus.SENT, whatsappMessageId: `wamid.${m.id}`, statusAt: new Date(base + i), toPhone: `wa${i}` });
      return ledger.recordSent(orm.em.fork(), m, new Date(base + i * 1000));
    }),
  );
  const em = orm.em.fork();
  const stored = await em.find(Message, { id: { $in: messages.map((m) => m.id) } }, { orderBy: { idempotencyKey: 'asc' } });
  expect(stored.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'delivered']);
  expect(stored.slice(0, 4).map((m) => m.whatsappMessageId)).toEqual(messages.slice(0, 4).map((m) => `wamid.${m.id}`));
  expect(stored[1]!.toPhone).toBe('wa1');
  expect(await writersOf(messages.slice(0, 4).map((m) => m.id))).toHaveProperty('size', 1);
  const thread = await em.findOneOrFail(Conversation, { id: conversation.id });
  expect(thread.lastOutboundAt?.getTime()).toBe(base + 4000);

  // An older send recorded late never moves the conversation back.
  const late = pendingMessage(conversation, 'late');
  await ledger.insertPending(orm.em.fork(), late);
  Object.assign(late, { whatsappMessageId: `wamid.${late.id}`, statusAt: new Date(), toPhone: 'x' });
  await ledger.recordSent(orm.em.fork(), late, new Date(base - 60_000));
  expect((await orm.em.fork().findOneOrFail(Conversation, { id: conversation.id })).lastOutboundAt?.getTime()).toBe(base + 4000);
});

test('conversations asked for in one turn are read together; each caller gets its own entity, or null', async () => {
  const [a, b] = [await seedConversation(), await seedConversation()];
  const ems = [orm.em.fork(), orm.em.fork(), orm.em.fork()];
  const found = await Promise.all([
    ledger.conversation(ems[0]!, 'phone-1', a.customerWaId, ''),
    ledger.conversation(ems[1]!, 'phone-1', b.customerWaId, ''),
    ledger.conversation(ems[2]!, 'phone-1', 'nobody', ''),
  ]);
  expect(found.map((c) => c?.id ?? null)).toEqual([a.id, b.id, null]);
  expect(found[0]!.lastInboundAt).toBeInstanceOf(Date);
  expect(ems[0]!.getUnitOfWork().getById(Conversation, a.id)).toBe(found[0]);
});

test('inside a transaction the ledger writes on that transaction, not beside it', async () => {
  const conversation = await seedConversation();
  const message = pendingMessage(conversation, 'in-tx');
  await expect(
    orm.em.fork().transactional(async (tx) => {
      expect(await ledger.insertPending(tx, message)).toBe(true);
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  expect(await orm.em.fork().count(Message, { id: message.id })).toBe(0);
});
