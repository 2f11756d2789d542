import type { EntityManager } from '@mikro-orm/postgresql';
import type { Message, OutboundDraft } from '../messaging';
import { PublicError } from '../platform/errors';
import type { Logger } from '../platform/observability/logger';
import { AgentReply, AgentReplyState } from './agent-reply.entity';
import { AgentRuntimeReplySchema, replyDraft } from './agent-runtime-reply';

/** Sends a draft under a key; a final refusal comes back as the error, a key already used as null. */
type SendDraft = (draft: OutboundDraft, key: string, replyTo: string | null) => Promise<Message | PublicError | null>;

/** What a refusal says, safe for the record, the logs and the runtime: PublicError messages carry no secret. */
function reasonOf(error: PublicError): string {
  const field = error.extensions.field;
  return `${error.code}${typeof field === 'string' ? ` at ${field}` : ''}: ${error.message}`;
}

/**
 * Sends the runtime's recorded reply to the inbound message it answers. A reply Meta would refuse (over a
 * limit, a template that does not match the synced one) or a send refused for good (window closed,
 * customer opted out) is marked REFUSED with the reason, and the runtime reads it in `refusedReplies` of
 * its next request for the conversation.
 */
export async function sendAgentReply(
  em: EntityManager,
  logger: Logger,
  record: AgentReply,
  /** As recorded: the runtime's reply under this contract or the first one. */
  reply: unknown,
  inbound: Message,
  send: SendDraft,
): Promise<'replied' | 'refused'> {
  // Parsed again: a reply recorded by an earlier version of the contract has no `type`.
  const kind = AgentRuntimeReplySchema.parse(reply);
  let sent: Message | PublicError | null;
  try {
    const { draft, quote } = replyDraft(kind, inbound.id);
    sent = await send(draft, `agent:reply:${inbound.id}`, quote ? inbound.id : null);
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    sent = error;
  }
  if (sent instanceof PublicError) {
    const reason = reasonOf(sent);
    await em.nativeUpdate(AgentReply, { id: record.id }, { state: AgentReplyState.REFUSED, lastError: reason });
    // The kind and the reason only: the reply's content is the customer's conversation, not a log line.
    logger.warn(
      { agentId: record.agentId, messageId: inbound.id, replyType: kind.type, code: sent.code, field: sent.extensions.field, reason },
      'the agent runtime\'s reply was refused; not sent',
    );
    return 'refused';
  }
  if (sent) await em.nativeUpdate(AgentReply, { id: record.id }, { replyMessageId: sent.id });
  return 'replied';
}

/** The refused replies among these inbound messages, for the runtime's next request. */
export async function refusedRepliesTo(em: EntityManager, inboundMessageIds: string[]): Promise<Array<{ messageId: string; reason: string }>> {
  if (inboundMessageIds.length === 0) return [];
  const refused = await em.find(
    AgentReply,
    { inboundMessageId: { $in: inboundMessageIds }, state: AgentReplyState.REFUSED },
    { fields: ['inboundMessageId', 'lastError'], orderBy: { createdAt: 'asc' } },
  );
  return refused.map((r) => ({ messageId: r.inboundMessageId, reason: r.lastError ?? 'refused' }));
}
