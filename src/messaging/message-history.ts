import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { PublicError } from '../errors';
import { parseRecipient, toWaId } from '../whatsapp';
import { Conversation } from './conversation.entity';
import { Message } from './message.entity';

@ObjectType('WhatsAppPageInfo')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page.' })
  endCursor!: string | null;
}

@ObjectType('WhatsAppMessagePage', { description: 'Messages, newest first.' })
export class MessagePage {
  @Field(() => [Message])
  nodes!: Message[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

export const MAX_PAGE_SIZE = 100;

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

// The cursor is the last row's sort key, so pages stay stable while new messages arrive at the top.
function encodeCursor(message: Message): string {
  return Buffer.from(JSON.stringify([message.timestamp.toISOString(), message.id])).toString('base64url');
}

function decodeCursor(cursor: string): { timestamp: Date; id: string } {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const timestamp = new Date(iso);
    if (Number.isNaN(timestamp.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { timestamp, id };
  } catch {
    throw PublicError.badInput('after', 'The cursor is not one this API returned.');
  }
}

/** A page of an agent's messages (optionally one customer's), newest first, by keyset pagination. */
export async function messageHistory(em: EntityManager, query: HistoryQuery): Promise<MessagePage> {
  if (!Number.isInteger(query.first) || query.first < 1 || query.first > MAX_PAGE_SIZE) {
    throw PublicError.badInput('first', `first must be 1 to ${MAX_PAGE_SIZE}.`);
  }
  const where: FilterQuery<Message> = { userId: query.userId, agentId: query.agentId };
  if (query.customer != null) {
    const customerWaId = customerWaIdOf(query.customer, 'customer');
    const conversations = await em.find(Conversation, { userId: query.userId, customerWaId }, { fields: ['id'] });
    if (conversations.length === 0) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    where.conversationId = { $in: conversations.map((c) => c.id) };
  }
  if (query.after) {
    const { timestamp, id } = decodeCursor(query.after);
    where.$or = [{ timestamp: { $lt: timestamp } }, { timestamp, id: { $lt: id } }];
  }
  const rows = await em.find(Message, where, { orderBy: { timestamp: 'desc', id: 'desc' }, limit: query.first + 1 });
  const nodes = rows.slice(0, query.first);
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > query.first, endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1]!) : null },
  };
}
