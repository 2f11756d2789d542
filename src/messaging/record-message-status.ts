import type { EntityManager } from '@mikro-orm/postgresql';
import { MessageDirection, MessageStatus } from './message-enums';
import { MessageStatusEvent } from './message-status-event.entity';
import { Message } from './message.entity';
import { canAdvance, statusesAdvancingTo, statusFromWebhook } from './status-order';

export interface AppliedStatus {
  messageId: string;
  userId: string;
  agentId: string | null;
  status: MessageStatus;
}

/**
 * Applies the statuses that arrived before the send stored this message's wamid. The send path calls it
 * right after saving the wamid; a no-op when none are waiting.
 */
export async function applyRecordedStatuses(em: EntityManager, messageId: string): Promise<AppliedStatus | null> {
  const message = await em.findOne(Message, { id: messageId, direction: MessageDirection.OUTBOUND });
  if (!message?.whatsappMessageId) return null;
  const events = await em.find(MessageStatusEvent, { credentialId: message.credentialId, whatsappMessageId: message.whatsappMessageId });
  let best: { status: MessageStatus; event: MessageStatusEvent } | null = null;
  for (const event of events) {
    const status = statusFromWebhook(event.status);
    if (status && canAdvance(best?.status ?? message.status, status)) best = { status, event };
  }
  if (!best) return null;
  return advance(em, { id: message.id }, best.status, best.event);
}

async function advance(
  em: EntityManager,
  target: { id: string } | { credentialId: string; whatsappMessageId: string },
  status: MessageStatus,
  source: { timestamp: Date; errorCode: number | null; errorTitle: string | null },
): Promise<AppliedStatus | null> {
  const failed = status === MessageStatus.FAILED;
  const rows = await em
    .createQueryBuilder(Message)
    .update({
      status,
      statusAt: source.timestamp,
      ...(failed ? { errorCode: source.errorCode, errorTitle: source.errorTitle } : {}),
    })
    .where({ ...target, direction: MessageDirection.OUTBOUND, status: { $in: statusesAdvancingTo(status) } })
    .returning(['id', 'userId', 'agentId'])
    .execute('all') as Array<{ id: string; userId: string; agentId: string | null }>;
  const row = rows[0];
  if (!row) return null;
  return { messageId: row.id, userId: row.userId, agentId: row.agentId, status };
}
