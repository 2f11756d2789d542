import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';
import type { MessageSnapshot } from './message-events';
import { MessageStatus } from './message-enums';
import { statusesAdvancingTo, statusFromWebhook } from './status-order';

/**
 * The inbound hot path's writes, set-based: a whole batch of messages (or statuses) in one statement,
 * whatever its size, so processing costs a fixed number of round trips per batch. The ORM is not used
 * here on purpose; it serves CRUD and the GraphQL side.
 */

export interface InboundMessageRow {
  /** Chosen by the caller; returned when the row is new. */
  id: string;
  userId: string;
  credentialId: string;
  agentId: string | null;
  /** See Conversation.agentLine. */
  agentLine: string;
  phoneNumberId: string;
  businessNumber: string;
  wamid: string;
  customerWaId: string;
  customerName: string | null;
  messageType: string;
  content: Record<string, unknown>;
  replyToWamid: string | null;
  timestamp: Date;
}

export interface StoredInboundMessage {
  id: string;
  conversationId: string;
  createdAt: Date;
}

export interface InboundStatusRow {
  credentialId: string;
  wamid: string;
  /** Meta's string, kept as sent. */
  status: string;
  timestamp: Date;
  errorCode: number | null;
  errorTitle: string | null;
  payload: Record<string, unknown>;
}

export interface StatusBatchResult {
  /** `credentialId wamid status` of each status recorded for the first time. */
  recorded: Set<string>;
  /** The messages the batch moved forward, as they are now. */
  advanced: MessageSnapshot[];
}

const tableOf = (schema: string, name: string) => sql.table(`${schema}.${name}`);

export function statusKey(row: { credentialId: string; wamid: string; status: string }): string {
  return `${row.credentialId} ${row.wamid} ${row.status}`;
}

/**
 * Stores new inbound messages and opens or updates their conversations in one statement. A message is
 * new once per (credential, wamid): deduplication is scoped to the receiving number, so no tenant can
 * suppress another's message by reusing its id. Returns the rows that were new, by the caller's id.
 */
export async function storeInboundMessages(db: Executor, schema: string, rows: InboundMessageRow[]): Promise<Map<string, StoredInboundMessage>> {
  const stored = new Map<string, StoredInboundMessage>();
  if (rows.length === 0) return stored;
  // ON CONFLICT DO UPDATE may touch a row once per statement: one input row per conversation, with the
  // newest message time (webhooks arrive out of order) and the last name seen.
  const conversations = new Map<string, { user_id: string; phone_number_id: string; agent_id: string | null; agent_line: string; customer_wa_id: string; customer_name: string | null; last_inbound_at: Date }>();
  for (const row of rows) {
    const key = `${row.phoneNumberId} ${row.customerWaId} ${row.agentLine}`;
    const seen = conversations.get(key);
    if (!seen) {
      conversations.set(key, {
        user_id: row.userId,
        phone_number_id: row.phoneNumberId,
        agent_id: row.agentId,
        agent_line: row.agentLine,
        customer_wa_id: row.customerWaId,
        customer_name: row.customerName,
        last_inbound_at: row.timestamp,
      });
    } else {
      if (row.timestamp > seen.last_inbound_at) seen.last_inbound_at = row.timestamp;
      seen.customer_name = row.customerName ?? seen.customer_name;
      seen.user_id = row.userId;
      seen.agent_id = row.agentId;
    }
  }
  const messages = rows.map((row) => ({
    id: row.id,
    user_id: row.userId,
    credential_id: row.credentialId,
    agent_id: row.agentId,
    agent_line: row.agentLine,
    phone_number_id: row.phoneNumberId,
    business_number: row.businessNumber,
    wamid: row.wamid,
    customer_wa_id: row.customerWaId,
    message_type: row.messageType,
    content: row.content,
    reply_to: row.replyToWamid,
    ts: row.timestamp,
  }));
  const conversationTable = tableOf(schema, 'whatsapp_conversations');
  const messageTable = tableOf(schema, 'whatsapp_messages');
  // Rows are written in key order, so two instances writing the same keys lock them in the same order.
  const result = await sql<{ id: string; conversation_id: string; created_at: Date }>`
    with conversation as (
      insert into ${conversationTable} as c
        (id, user_id, phone_number_id, agent_id, agent_line, customer_wa_id, customer_name, last_inbound_at, created_at)
      select gen_random_uuid(), x.user_id, x.phone_number_id, x.agent_id, x.agent_line, x.customer_wa_id, x.customer_name, x.last_inbound_at, now()
        from jsonb_to_recordset(${JSON.stringify([...conversations.values()])}::jsonb) as x(
          user_id uuid, phone_number_id text, agent_id uuid, agent_line text, customer_wa_id text, customer_name text, last_inbound_at timestamptz)
       order by x.phone_number_id, x.customer_wa_id, x.agent_line
      on conflict (phone_number_id, customer_wa_id, agent_line) do update set
        user_id = excluded.user_id,
        agent_id = excluded.agent_id,
        customer_name = coalesce(excluded.customer_name, c.customer_name),
        last_inbound_at = greatest(excluded.last_inbound_at, c.last_inbound_at)
      returning c.id, c.phone_number_id, c.customer_wa_id, c.agent_line
    )
    insert into ${messageTable}
      (id, user_id, credential_id, agent_id, conversation_id, whatsapp_message_id, from_phone, to_phone, direction,
       message_type, content, reply_to_message_id, status, status_at, timestamp, created_at)
    select m.id, m.user_id, m.credential_id, m.agent_id, conversation.id, m.wamid, m.customer_wa_id, m.business_number, 'inbound',
           m.message_type, m.content, m.reply_to, 'received', m.ts, m.ts, now()
      from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as m(
        id uuid, user_id uuid, credential_id uuid, agent_id uuid, agent_line text, phone_number_id text, business_number text,
        wamid text, customer_wa_id text, message_type text, content jsonb, reply_to text, ts timestamptz)
      join conversation on conversation.phone_number_id = m.phone_number_id
                       and conversation.customer_wa_id = m.customer_wa_id
                       and conversation.agent_line = m.agent_line
     order by m.credential_id, m.wamid
    on conflict (credential_id, whatsapp_message_id) do nothing
    returning id, conversation_id, created_at
  `.execute(db as Kysely<unknown>);
  for (const row of result.rows) stored.set(row.id, { id: row.id, conversationId: row.conversation_id, createdAt: new Date(row.created_at) });
  return stored;
}

/**
 * Where statuses rank when several for one message arrive in one batch: the one kept is the one that
 * sequential processing would leave in the most cases. Read and played beat a stray failure (a message
 * the customer read was delivered).
 */
const BATCH_PREFERENCE: Record<string, number> = {
  [MessageStatus.SENT]: 1,
  [MessageStatus.DELIVERED]: 2,
  [MessageStatus.FAILED]: 3,
  [MessageStatus.READ]: 4,
  [MessageStatus.PLAYED]: 5,
};

/**
 * Keeps each (credential, wamid, status) once and moves each outbound message forward to the furthest
 * new status of the batch, guarded in the UPDATE itself so concurrent batches applying "delivered" and
 * "read" in either order end at "read" and "failed" never replaces read or played. One statement.
 * A status for a message not stored yet waits in the status table (see applyRecordedStatuses).
 */
export async function storeMessageStatuses(db: Executor, schema: string, rows: InboundStatusRow[]): Promise<StatusBatchResult> {
  const outcome: StatusBatchResult = { recorded: new Set(), advanced: [] };
  if (rows.length === 0) return outcome;
  const input = rows.map((row) => {
    const mapped = statusFromWebhook(row.status);
    return {
      credential_id: row.credentialId,
      wamid: row.wamid,
      status: row.status,
      mapped,
      preference: mapped ? BATCH_PREFERENCE[mapped] ?? 0 : 0,
      from_statuses: mapped ? statusesAdvancingTo(mapped) : [],
      ts: row.timestamp,
      error_code: row.errorCode,
      error_title: row.errorTitle,
      payload: row.payload,
    };
  });
  const statusTable = tableOf(schema, 'whatsapp_message_statuses');
  const messageTable = tableOf(schema, 'whatsapp_messages');
  const result = await sql<{
    kind: 'recorded' | 'advanced';
    credential_id: string;
    wamid: string;
    status: string;
    message: MessageSnapshot | null;
  }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        credential_id uuid, wamid text, status text, mapped text, preference int, from_statuses text[],
        ts timestamptz, error_code int, error_title text, payload jsonb)
    ),
    recorded as (
      insert into ${statusTable} (credential_id, whatsapp_message_id, status, timestamp, error_code, error_title, payload, received_at)
      select credential_id, wamid, status, ts, error_code, error_title, payload, now() from input
       order by credential_id, wamid, status
      on conflict (credential_id, whatsapp_message_id, status) do nothing
      returning credential_id, whatsapp_message_id, status
    ),
    best as (
      select distinct on (input.credential_id, input.wamid) input.*
        from input
        join recorded on recorded.credential_id = input.credential_id
                     and recorded.whatsapp_message_id = input.wamid
                     and recorded.status = input.status
       where input.mapped is not null
       order by input.credential_id, input.wamid, input.preference desc
    ),
    advanced as (
      update ${messageTable} as m set
        status = best.mapped,
        status_at = best.ts,
        error_code = case when best.mapped = 'failed' then best.error_code else m.error_code end,
        error_title = case when best.mapped = 'failed' then best.error_title else m.error_title end
        from best
       where m.credential_id = best.credential_id
         and m.whatsapp_message_id = best.wamid
         and m.direction = 'outbound'
         and m.status = any(best.from_statuses)
      returning m.*
    )
    select 'recorded' as kind, credential_id, whatsapp_message_id as wamid, status, null::jsonb as message from recorded
    union all
    select 'advanced', a.credential_id, a.whatsapp_message_id, a.status, jsonb_build_object(
      'id', a.id, 'userId', a.user_id, 'credentialId', a.credential_id, 'agentId', a.agent_id, 'conversationId', a.conversation_id,
      'whatsappMessageId', a.whatsapp_message_id, 'fromPhone', a.from_phone, 'toPhone', a.to_phone, 'direction', a.direction,
      'messageType', a.message_type, 'content', a.content, 'replyToMessageId', a.reply_to_message_id, 'status', a.status,
      'statusAt', a.status_at, 'errorCode', a.error_code, 'errorTitle', a.error_title, 'timestamp', a.timestamp, 'createdAt', a.created_at)
      from advanced a
  `.execute(db as Kysely<unknown>);
  for (const row of result.rows) {
    if (row.kind === 'recorded') outcome.recorded.add(statusKey({ credentialId: row.credential_id, wamid: row.wamid, status: row.status }));
    else if (row.message) outcome.advanced.push(row.message);
  }
  return outcome;
}
