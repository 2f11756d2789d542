import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';
import type { MessageSnapshot } from './message-events';

/** A customer's edit or revoke of an earlier inbound message, as the inbound plan found it. */
export interface MessageChangeRow {
  credentialId: string;
  /** The edit's or revoke's own wamid: applying it twice changes nothing. */
  wamid: string;
  originalWamid: string;
  kind: 'edit' | 'revoke';
  /** For an edit: the message as it reads now (`{ type, <type>: {…} }`). */
  message: Record<string, unknown> | null;
  timestamp: Date;
}

export type MessageChangeOutcome =
  | { outcome: 'applied'; message: MessageSnapshot }
  /** Applied before (a redelivery), superseded by a later edit, or the message is already revoked. */
  | { outcome: 'unchanged' }
  /** No inbound message of this number has the original's wamid (yet). */
  | { outcome: 'missing' };

/**
 * Applies the edits and revokes of one inbound batch in one statement. An edit replaces the message's
 * content and pushes the version it replaces onto `edits` (the original's id, sender and time stay);
 * a revoke marks the message revoked and clears its content and earlier versions, since the customer
 * withdrew them for everyone. Several changes of one message in a batch are applied in their order,
 * one statement per round (rounds are rare: a second edit of the same message in one batch).
 */
export async function applyMessageChanges(db: Executor, schema: string, rows: MessageChangeRow[]): Promise<Map<MessageChangeRow, MessageChangeOutcome>> {
  const outcomes = new Map<MessageChangeRow, MessageChangeOutcome>();
  const pending = [...rows].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  while (pending.length > 0) {
    const round: MessageChangeRow[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < pending.length; ) {
      const key = `${pending[i]!.credentialId} ${pending[i]!.originalWamid}`;
      if (seen.has(key)) {
        i += 1;
        continue;
      }
      seen.add(key);
      round.push(...pending.splice(i, 1));
    }
    for (const [row, outcome] of await applyRound(db, schema, round)) outcomes.set(row, outcome);
  }
  return outcomes;
}

async function applyRound(db: Executor, schema: string, rows: MessageChangeRow[]): Promise<Map<MessageChangeRow, MessageChangeOutcome>> {
  const input = rows.map((row, index) => ({
    i: index,
    credential_id: row.credentialId,
    wamid: row.wamid,
    original: row.originalWamid,
    revoke: row.kind === 'revoke',
    message: row.message,
    new_type: typeof row.message?.type === 'string' ? row.message.type : null,
    ts: row.timestamp,
  }));
  const table = sql.table(`${schema}.whatsapp_messages`);
  const result = await sql<{ i: number; found: boolean; snapshot: MessageSnapshot | null }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        i int, credential_id uuid, wamid text, original text, revoke boolean, message jsonb, new_type text, ts timestamptz)
    ),
    changed as (
      update ${table} as m set
        content = case when x.revoke then '{}'::jsonb else (m.content - m.message_type - 'type') || x.message end,
        message_type = case when x.revoke then m.message_type else x.new_type end,
        edits = case when x.revoke then '[]'::jsonb else m.edits || jsonb_build_array(jsonb_build_object(
          'editWhatsAppMessageId', x.wamid, 'previousType', m.message_type, 'previousContent', m.content,
          'editedAt', to_jsonb(x.ts))) end,
        edited_at = case when x.revoke then m.edited_at else x.ts end,
        revoked_at = case when x.revoke then x.ts else null end
        from input x
       where m.credential_id = x.credential_id and m.whatsapp_message_id = x.original and m.direction = 'inbound'
         and m.revoked_at is null
         -- A redelivered edit, or one older than the version already shown, changes nothing.
         and (x.revoke or ((m.edited_at is null or m.edited_at < x.ts)
              and not m.edits @> jsonb_build_array(jsonb_build_object('editWhatsAppMessageId', x.wamid))))
      returning x.i, jsonb_build_object(
        'id', m.id, 'userId', m.user_id, 'credentialId', m.credential_id, 'agentId', m.agent_id,
        'conversationId', m.conversation_id, 'whatsappMessageId', m.whatsapp_message_id, 'fromPhone', m.from_phone,
        'toPhone', m.to_phone, 'direction', m.direction, 'messageType', m.message_type, 'content', m.content,
        'replyToMessageId', m.reply_to_message_id, 'status', m.status, 'statusAt', m.status_at,
        'errorCode', m.error_code, 'errorTitle', m.error_title, 'timestamp', m.timestamp, 'createdAt', m.created_at,
        'edits', m.edits, 'editedAt', m.edited_at, 'revokedAt', m.revoked_at) as snapshot
    )
    select x.i, changed.snapshot,
           exists (select 1 from ${table} m where m.credential_id = x.credential_id and m.whatsapp_message_id = x.original and m.direction = 'inbound') as found
      from input x left join changed on changed.i = x.i
  `.execute(db as Kysely<unknown>);
  const outcomes = new Map<MessageChangeRow, MessageChangeOutcome>();
  for (const row of result.rows) {
    const change = rows[row.i]!;
    outcomes.set(change, row.snapshot ? { outcome: 'applied', message: row.snapshot } : row.found ? { outcome: 'unchanged' } : { outcome: 'missing' });
  }
  return outcomes;
}
