import { MessageStatus } from './message-enums';

/**
 * The order delivery states advance in (docs/whatsapp-cloud-api.md §3.4): sent < delivered < read < played.
 * Meta reorders and repeats status webhooks, so a status is applied only when it moves a message forward: a
 * late "delivered" never undoes "read". `failed` is final, and it never replaces read or played (a message
 * the customer read was delivered, whatever a stray failure says).
 */
const RANK: Record<MessageStatus, number> = {
  [MessageStatus.PENDING]: 0,
  [MessageStatus.SENT]: 1,
  [MessageStatus.DELIVERED]: 2,
  [MessageStatus.READ]: 3,
  [MessageStatus.PLAYED]: 4,
  [MessageStatus.FAILED]: 5,
  [MessageStatus.RECEIVED]: -1,
};

const FROM_WEBHOOK: Record<string, MessageStatus> = {
  sent: MessageStatus.SENT,
  delivered: MessageStatus.DELIVERED,
  read: MessageStatus.READ,
  played: MessageStatus.PLAYED,
  failed: MessageStatus.FAILED,
};

/** Meta's status string as ours; null for a value Meta added after this code (kept in history only). */
export function statusFromWebhook(value: string): MessageStatus | null {
  return FROM_WEBHOOK[value] ?? null;
}

/** Whether an outbound message in `from` may move to `to`. */
export function canAdvance(from: MessageStatus, to: MessageStatus): boolean {
  if (from === MessageStatus.RECEIVED || to === MessageStatus.RECEIVED || to === MessageStatus.PENDING) return false;
  if (from === MessageStatus.FAILED) return false;
  if (to === MessageStatus.FAILED) return RANK[from] < RANK[MessageStatus.READ];
  return RANK[to] > RANK[from];
}

/** Every state a message may be in for `to` to apply: the guard of the conditional update. */
export function statusesAdvancingTo(to: MessageStatus): MessageStatus[] {
  return Object.values(MessageStatus).filter((from) => canAdvance(from, to));
}
