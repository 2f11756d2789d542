import { randomUUID } from 'node:crypto';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Conversation } from './conversation.entity';
import { MessageDirection, MessageStatus } from './message-enums';
import { Message } from './message.entity';

export interface InboundMessageRecord {
  userId: string;
  credentialId: string;
  /** The agent the phone number routes to; null when none is configured. */
  agentId: string | null;
  /** See Conversation.agentLine. */
  agentLine?: string;
  phoneNumberId: string;
  /** The business number as the webhook shows it (digits). */
  businessNumber: string;
  wamid: string;
  /** `wa_id`, or the BSUID when Meta leaves the number out. */
  customerWaId: string;
  /** From the webhook's `contacts[].profile.name`; null keeps the name already known. */
  customerName: string | null;
  messageType: string;
  /** The `messages[]` element as received: unknown types keep all they carried. */
  content: Record<string, unknown>;
  replyToWamid: string | null;
  timestamp: Date;
}

export interface RecordedInbound {
  messageId: string;
  conversationId: string;
  /** False when this wamid was already stored (Meta redelivers): nothing was written. */
  isNew: boolean;
}

/**
 * Stores an inbound message in its conversation, exactly once per wamid. Safe under concurrency: two
 * workers handling the same wamid race on the unique wamid, and only one of them sees `isNew`.
 */
export async function recordInboundMessage(em: EntityManager, record: InboundMessageRecord): Promise<RecordedInbound> {
  const existing = await findByWamid(em, record.wamid);
  if (existing) return { ...existing, isNew: false };

  const [conversation] = await em
    .createQueryBuilder(Conversation)
    .insert({
      id: randomUUID(),
      userId: record.userId,
      phoneNumberId: record.phoneNumberId,
      agentId: record.agentId,
      agentLine: record.agentLine ?? '',
      customerWaId: record.customerWaId,
      customerName: record.customerName,
      lastInboundAt: record.timestamp,
      createdAt: new Date(),
    })
    .onConflict(['phoneNumberId', 'customerWaId', 'agentLine'])
    .merge({
      userId: raw('excluded.user_id'),
      agentId: raw('excluded.agent_id'),
      customerName: raw('coalesce(excluded.customer_name, whatsapp_conversations.customer_name)'),
      // Webhooks arrive out of order: the window opens from the latest message, not the last processed.
      lastInboundAt: raw('greatest(excluded.last_inbound_at, whatsapp_conversations.last_inbound_at)'),
    })
    .returning(['id'])
    .execute('all') as Array<{ id: string }>;

  const messageId = randomUUID();
  const inserted = await em
    .createQueryBuilder(Message)
    .insert({
      id: messageId,
      userId: record.userId,
      credentialId: record.credentialId,
      agentId: record.agentId,
      conversationId: conversation!.id,
      whatsappMessageId: record.wamid,
      fromPhone: record.customerWaId,
      toPhone: record.businessNumber,
      direction: MessageDirection.INBOUND,
      messageType: record.messageType,
      content: record.content,
      replyToMessageId: record.replyToWamid,
      status: MessageStatus.RECEIVED,
      statusAt: record.timestamp,
      timestamp: record.timestamp,
      createdAt: new Date(),
    })
    .onConflict(['whatsappMessageId'])
    .ignore()
    .returning(['id'])
    .execute('all') as Array<{ id: string }>;
  if (inserted.length === 1) return { messageId, conversationId: conversation!.id, isNew: true };

  const winner = await findByWamid(em, record.wamid);
  if (!winner) throw new Error('inbound message vanished between insert and read');
  return { ...winner, isNew: false };
}

async function findByWamid(em: EntityManager, wamid: string): Promise<Omit<RecordedInbound, 'isNew'> | null> {
  const row = await em.findOne(Message, { whatsappMessageId: wamid }, { fields: ['id', 'conversationId'] });
  return row ? { messageId: row.id, conversationId: row.conversationId } : null;
}
