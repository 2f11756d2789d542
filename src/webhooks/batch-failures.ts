import { FailureAlertKind, failureReasonOf, type FailureObservation } from '../alerts';
import { statusKey } from '../messaging';
import type { AgentFacts } from './inbound-agents';
import type { DeadLetterDraft, EndpointFacts, PlannedItem } from './inbound-plan';

/** Why an item became a dead letter, in the owner's words. */
const DEAD_LETTER_REASONS: Record<string, string> = {
  malformed_change: 'WhatsApp sent a change the plugin could not read.',
  malformed_message: 'WhatsApp sent a message the plugin could not read.',
  malformed_status: 'WhatsApp sent a status the plugin could not read.',
  no_sender: 'WhatsApp sent a message without a sender.',
  database_refused: 'The database refused to store the item.',
};

export interface BatchFailureInput {
  items: PlannedItem[];
  applied: { messages: ReadonlyMap<string, unknown>; recordedStatuses: ReadonlySet<string> };
  deadLetters: Array<DeadLetterDraft & { reason: string; errorCode: string | null }>;
  endpoints: ReadonlyMap<string, EndpointFacts>;
  agentOn(credentialId: string, phoneNumberId: string): AgentFacts | null;
}

/**
 * What of a batch its owners are alerted to, from what the batch already knows (no query): new messages
 * to a number with no enabled agent, `failed` statuses seen for the first time, and dead letters. The
 * platform's shared number has no owner to tell; its operator reads the logs and metrics.
 */
export function batchFailures({ items, applied, deadLetters, endpoints, agentOn }: BatchFailureInput): FailureObservation[] {
  const owned = (endpointId: string) => endpoints.get(endpointId)?.platform === false;
  const failures: FailureObservation[] = [];
  for (const item of items) {
    const { userId, credentialId, endpointId } = item.deadLetter;
    if (!owned(endpointId)) continue;
    if (item.kind === 'message') {
      if (!applied.messages.has(item.row.id)) continue;
      const agent = agentOn(credentialId, item.row.phoneNumberId);
      if (agent?.enabled) continue;
      failures.push({ userId, credentialId, kind: FailureAlertKind.UNROUTED_MESSAGE, at: item.row.timestamp, reason: 'No agent is enabled on this number, so nobody answered.' });
    } else if (item.kind === 'status' && item.row.status === 'failed' && applied.recordedStatuses.has(statusKey(item.row))) {
      const { errorCode, errorTitle } = item.row;
      failures.push({ userId, credentialId, kind: FailureAlertKind.MESSAGE_FAILED, at: item.row.timestamp, errorCode: errorCode === null ? null : String(errorCode), reason: failureReasonOf(errorCode, errorTitle) });
    }
  }
  for (const letter of deadLetters) {
    // An edit or revoke that overtook its message is expected and is applied when replayed: no alert.
    if (!owned(letter.endpointId) || letter.reason === 'original_message_not_found') continue;
    failures.push({
      userId: letter.userId,
      credentialId: letter.credentialId,
      kind: FailureAlertKind.DEAD_LETTER,
      at: new Date(),
      errorCode: letter.errorCode ?? letter.reason,
      reason: DEAD_LETTER_REASONS[letter.reason] ?? letter.reason.replace(/_/g, ' '),
    });
  }
  return failures;
}
