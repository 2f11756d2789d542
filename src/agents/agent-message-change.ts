import { Conversation, Message, MessageDirection, readableText } from '../messaging';
import { isUuid } from '../platform/graphql/ids';
import { AgentRuntimeRejectedError } from './agent-runtime-client';
import { CONTRACT_VERSION, type AgentRuntimeMessageChange } from './agent-runtime-contract';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
import type { AgentInboundDependencies } from './handle-agent-inbound';

export interface MessageChangeJob {
  kind: 'edited' | 'revoked';
  /** The edit's or revoke's own wamid. */
  wamid: string;
}

export type MessageChangeOutcome = 'not_found' | 'no_agent' | 'paused' | 'runtime_missing' | 'refused' | 'notified';

/**
 * Tells the agent's runtime that the customer edited or revoked a message (the `agent-inbound` job
 * with a `change`). Only an agent that answers by itself hears of it, as only such an agent was sent
 * the message; the message is read as it is now, so a retry after a later edit carries the latest text.
 */
export async function notifyAgentOfChange(deps: AgentInboundDependencies, messageId: string, change: MessageChangeJob, attempt: number): Promise<MessageChangeOutcome> {
  const em = deps.orm.em.fork();
  const message = isUuid(messageId) ? await em.findOne(Message, { id: messageId.toLowerCase() }) : null;
  if (!message || message.direction !== MessageDirection.INBOUND || !message.agentId) return 'not_found';
  const conversation = await em.findOneOrFail(Conversation, { id: message.conversationId });
  const config = await em.findOne(AgentWhatsAppConfig, { agentId: message.agentId, userId: message.userId });
  if (!config) return 'no_agent';
  if (!config.enabled || !config.autoReply) return 'paused';
  if (!deps.runtime) return 'runtime_missing';
  const edit = change.kind === 'edited' ? message.edits.find((e) => e.editWhatsAppMessageId === change.wamid) : undefined;
  const notice: AgentRuntimeMessageChange = {
    version: CONTRACT_VERSION,
    type: change.kind === 'edited' ? 'whatsapp.message_edited' : 'whatsapp.message_revoked',
    idempotencyKey: change.kind === 'edited' ? `${message.id}:edited:${change.wamid}` : `${message.id}:revoked`,
    attempt,
    agent: { id: config.agentId, userId: config.userId },
    conversation: { id: conversation.id, customer: { waId: conversation.customerWaId, name: conversation.customerName } },
    message: {
      id: message.id,
      wamid: message.whatsappMessageId,
      type: message.messageType,
      text: message.revokedAt ? null : readableText(message.messageType, message.content),
      content: message.content,
      ...(change.kind === 'edited' ? { previousText: edit ? readableText(edit.previousType, edit.previousContent) : null } : {}),
      changedAt: (change.kind === 'edited' ? (edit ? new Date(edit.editedAt) : message.editedAt) : message.revokedAt)?.toISOString() ?? new Date().toISOString(),
    },
  };
  try {
    await deps.runtime.notifyChange(notice);
  } catch (error) {
    // A refusal is the runtime's final word; an outage is thrown so the job retries.
    if (!(error instanceof AgentRuntimeRejectedError)) throw error;
    deps.logger.warn({ agentId: config.agentId, messageId: message.id, err: error }, 'the agent runtime refused a message change notice');
    return 'refused';
  }
  return 'notified';
}
