import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { PublicError } from '../errors';
import { decodeTimeIdCursor, PageInfo, pageSize, toPage } from '../graphql/pagination';
import { parseRecipient, toWaId } from '../whatsapp';
import { Conversation } from './conversation.entity';
import { Message } from './message.entity';

@ObjectType('WhatsAppMessagePage', { description: 'Messages, newest first.' })
export class MessagePage {
  @Field(() => [Message])
  nodes!: Message[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

export interface HistoryQuery {
  userId: string;
  agentId: string;
  /** Only this customer's messages: +E.164, Meta's digits-only wa_id, or a business-scoped user id. */
  customer?: string | null;
  first: number;
  after?: string | null;
}

/** How a customer is stored: Meta's digits-only wa_id, or the BSUID as is. */
export function customerWaIdOf(customer: string, field: string): string {
  const trimmed = customer.trim();
  if (/^\d{8,15}$/.test(trimmed)) return trimmed;
  try {
    const recipient = parseRecipient(trimmed);
    return recipient.kind === 'phone' ? toWaId(recipient.to) : recipient.recipient;
  } catch (error) {
    throw PublicError.badInput(field, (error as Error).message);
  }
}

/** A page of an agent's messages (optionally one customer's), newest first, by keyset pagination. */
export async function messageHistory(em: EntityManager, query: HistoryQuery): Promise<MessagePage> {
  const size = pageSize(query.first);
  const where: FilterQuery<Message> = { userId: query.userId, agentId: query.agentId };
  if (query.customer != null) {
    const customerWaId = customerWaIdOf(query.customer, 'customer');
    const conversations = await em.find(Conversation, { userId: query.userId, customerWaId }, { fields: ['id'] });
    if (conversations.length === 0) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    where.conversationId = { $in: conversations.map((c) => c.id) };
  }
  const cursor = decodeTimeIdCursor(query.after);
  if (cursor) where.$or = [{ timestamp: { $lt: cursor.at } }, { timestamp: cursor.at, id: { $lt: cursor.id } }];
  const rows = await em.find(Message, where, { orderBy: { timestamp: 'desc', id: 'desc' }, limit: size + 1 });
  // The cursor is the last row's sort key, so pages stay stable while new messages arrive at the top.
  return toPage(rows, size, (m) => [m.timestamp.toISOString(), m.id]);
}
