import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { Field, ObjectType } from 'type-graphql';
import { qualifiedTable, storedScalarProps } from '../platform/db/orm';
import { PublicError } from '../platform/errors';
import { decodeTimeIdCursor, PageInfo, pageSize, toPage } from '../platform/graphql/pagination';
import { parseRecipient, toWaId } from '../adapters/whatsapp';
import { Conversation } from './conversation.entity';
import { Message } from './message.entity';

@ObjectType('WhatsAppMessagePage', { description: 'Messages, newest first.' })
export class MessagePage {
  @Field(() => [Message], { description: 'The messages of this page, newest first.' })
  nodes!: Message[];

  @Field(() => PageInfo, { description: 'Where the page ends and whether there are older messages.' })
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

/**
 * A page of an agent's messages (optionally one customer's), newest first, by keyset pagination.
 *
 * Hand-written SQL because the cursor must be a row comparison, `(timestamp, id) < ($at, $id)`: PostgreSQL
 * turns it into the start key of a backward scan on `(…, timestamp, id)`, so a page costs the same at
 * any depth. The equivalent `timestamp < $at or (timestamp = $at and id < $id)` that the query builder
 * writes is only a filter, and a page deep in a long history read every newer row first.
 */
export async function messageHistory(em: EntityManager, query: HistoryQuery): Promise<MessagePage> {
  const size = pageSize(query.first);
  const cursor = decodeTimeIdCursor(query.after);
  const table = sql.raw(qualifiedTable(em, Message));
  const shape = messageShape(em);
  const columns = sql.raw(shape.columns);
  const before = cursor ? sql`and (m."timestamp", m.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``;
  const newestFirst = sql`order by m."timestamp" desc, m.id desc limit ${size + 1}`;
  let statement;
  if (query.customer == null) {
    statement = sql<Message>`
      select ${columns} from ${table} m
      where m.agent_id = ${query.agentId}::uuid and m.user_id = ${query.userId}::uuid ${before}
      ${newestFirst}`;
  } else {
    const customerWaId = customerWaIdOf(query.customer, 'customer');
    const conversations = await em.find(Conversation, { userId: query.userId, customerWaId }, { fields: ['id'] });
    if (conversations.length === 0) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    // One page from each of the customer's threads (each a backward scan on its own index range), then
    // the newest of those: never a sort of a whole thread.
    statement = sql<Message>`
      select m.* from unnest(${conversations.map((c) => c.id)}::uuid[]) as c(id)
      cross join lateral (
        select ${columns} from ${table} m
        where m.conversation_id = c.id and m.agent_id = ${query.agentId}::uuid and m.user_id = ${query.userId}::uuid ${before}
        ${newestFirst}
      ) m
      ${newestFirst}`;
  }
  const { rows } = await statement.execute(em.getKysely());
  const messages = rows.map((row) => messageOf(row, shape));
  // The cursor is the last row's sort key, so pages stay stable while new messages arrive at the top.
  return toPage(messages, size, (m) => [m.timestamp.toISOString(), m.id]);
}

interface MessageShape {
  /** `m."column" as "property"` for each stored field. */
  columns: string;
  /** Fields the ORM's driver returns as text (timestamps, JSON), with their conversion. */
  converted: Array<{ name: string; toValue: (value: unknown) => unknown }>;
}

const shapes = new WeakMap<object, MessageShape>();

/**
 * How a page's rows become messages, from the entity's metadata (read once): the statement names each
 * stored column by its property and only the typed ones are converted, as the ORM would. Mapping 21
 * rows through the ORM (an entity each, hydrated and put in the identity map) was three quarters of a
 * page's cost, for objects nothing changes or flushes; GraphQL reads these as they are.
 */
function messageShape(em: EntityManager): MessageShape {
  const metadata = em.getMetadata();
  let shape = shapes.get(metadata);
  if (shape === undefined) {
    const platform = em.getPlatform();
    const props = storedScalarProps(em, Message).filter((prop) => !prop.hidden);
    shape = {
      columns: props.map((prop) => `m."${prop.fieldNames[0]}" as "${prop.name}"`).join(', '),
      converted: props.flatMap((prop) => {
        const type = prop.customType;
        if (type) return [{ name: prop.name, toValue: (value: unknown) => type.convertToJSValue(value, platform) }];
        return prop.runtimeType === 'Date' ? [{ name: prop.name, toValue: (value: unknown) => new Date(value as string) }] : [];
      }),
    };
    shapes.set(metadata, shape);
  }
  return shape;
}

function messageOf(row: Message, shape: MessageShape): Message {
  const message = row as unknown as Record<string, unknown>;
  for (const { name, toValue } of shape.converted) {
    if (message[name] != null) message[name] = toValue(message[name]);
  }
  return row;
}
