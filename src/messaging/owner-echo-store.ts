import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';

/** A message the number's owner sent from the WhatsApp Business app (`smb_message_echoes`). */
export interface OwnerEchoRow {
  id: string;
  userId: string;
  credentialId: string;
  agentId: string | null;
  phoneNumberId: string;
  businessNumber: string;
  wamid: string;
  customerWaId: string;
  messageType: string;
  content: Record<string, unknown>;
  timestamp: Date;
  /** The agent stays silent in the conversation until then; null: no pause. */
  pauseUntil: Date | null;
}

/**
 * Stores a batch's echoes in one statement: each becomes an outbound message sent by a person (`origin`
 * BUSINESS_APP, status SENT) in its conversation, which records the last outbound time and, when the
 * agent pauses for its owner, the later of the stored and the new pause end. An echo delivered again
 * changes nothing. Returns the ids of the rows that were new.
 */
export async function storeOwnerEchoes(db: Executor, schema: string, rows: OwnerEchoRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const conversations = new Map<string, { user_id: string; phone_number_id: string; agent_id: string | null; customer_wa_id: string; last_outbound_at: Date; pause_until: Date | null }>();
  for (const row of rows) {
    const key = `${row.phoneNumberId} ${row.customerWaId}`;
    const seen = conversations.get(key);
    if (!seen) {
      conversations.set(key, { user_id: row.userId, phone_number_id: row.phoneNumberId, agent_id: row.agentId, customer_wa_id: row.customerWaId, last_outbound_at: row.timestamp, pause_until: row.pauseUntil });
    } else {
      if (row.timestamp > seen.last_outbound_at) seen.last_outbound_at = row.timestamp;
      if (row.pauseUntil && (!seen.pause_until || row.pauseUntil > seen.pause_until)) seen.pause_until = row.pauseUntil;
    }
  }
  const messages = rows.map((row) => ({
    id: row.id,
    user_id: row.userId,
    credential_id: row.credentialId,
    agent_id: row.agentId,
    phone_number_id: row.phoneNumberId,
    business_number: row.businessNumber,
    wamid: row.wamid,
    customer_wa_id: row.customerWaId,
    message_type: row.messageType,
    content: row.content,
    ts: row.timestamp,
  }));
  const conversationTable = sql.table(`${schema}.whatsapp_conversations`);
  const messageTable = sql.table(`${schema}.whatsapp_messages`);
  // Own numbers only (the platform's shared number has no Business app), so the agent line is ''.
  const result = await sql<{ id: string }>`
    with conversation as (
      insert into ${conversationTable} as c
        (id, user_id, phone_number_id, agent_id, agent_line, customer_wa_id, last_outbound_at, agent_paused_until, created_at)
      select gen_random_uuid(), x.user_id, x.phone_number_id, x.agent_id, '', x.customer_wa_id, x.last_outbound_at, x.pause_until, now()
        from jsonb_to_recordset(${JSON.stringify([...conversations.values()])}::jsonb) as x(
          user_id uuid, phone_number_id text, agent_id uuid, customer_wa_id text, last_outbound_at timestamptz, pause_until timestamptz)
       order by x.phone_number_id, x.customer_wa_id
      on conflict (phone_number_id, customer_wa_id, agent_line) do update set
        last_outbound_at = greatest(excluded.last_outbound_at, c.last_outbound_at),
        agent_paused_until = greatest(excluded.agent_paused_until, c.agent_paused_until)
      returning c.id, c.phone_number_id, c.customer_wa_id
    )
    insert into ${messageTable}
      (id, user_id, credential_id, agent_id, conversation_id, whatsapp_message_id, from_phone, to_phone, direction,
       message_type, content, status, status_at, timestamp, created_at, origin)
    select m.id, m.user_id, m.credential_id, m.agent_id, conversation.id, m.wamid, m.business_number, m.customer_wa_id, 'outbound',
           m.message_type, m.content, 'sent', m.ts, m.ts, now(), 'BUSINESS_APP'
      from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as m(
        id uuid, user_id uuid, credential_id uuid, agent_id uuid, phone_number_id text, business_number text,
        wamid text, customer_wa_id text, message_type text, content jsonb, ts timestamptz)
      join conversation on conversation.phone_number_id = m.phone_number_id and conversation.customer_wa_id = m.customer_wa_id
     order by m.credential_id, m.wamid
    on conflict (credential_id, whatsapp_message_id) do nothing
    returning id
  `.execute(db as Kysely<unknown>);
  return new Set(result.rows.map((row) => row.id));
}
