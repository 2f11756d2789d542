import { FailureAlertKind, failureReasonOf, type FailureAlerts } from '../alerts';
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CredentialStatus, readCredentialSecrets, type WhatsAppCredential } from '../credentials';
import { PublicError } from '../platform/errors';
import type { EventBus } from '../platform/events';
import { MessageTopic, type MessageEvents } from './message-events';
import { isUuid } from '../platform/graphql/ids';
import type { KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import type { Metrics } from '../platform/observability/metrics';
import { parseRecipient, toWaId, type OutboundMessage, type Recipient, type WhatsAppClient } from '../adapters/whatsapp';
import { Conversation } from './conversation.entity';
import { agentLineFor, assertConversationOwner, findOrCreateConversation } from './conversations';
import { serviceWindowOf } from './customer-window';
import { MessageDirection, MessageStatus } from './message-enums';
import { Message } from './message.entity';
import { admitSend, callMeta, type OutboundGuardDependencies } from './outbound-guard';
import { toOutboundContent, type OutboundDraft } from './outbound-content';
import { suppressAfterMetaRefusal } from '../opt-outs';
import { isMarketingTemplate, templateRefusal } from '../templates';
import { classifySendFailure, credentialUnavailableError, isOptedOutAtMeta, marketingOptedOutError, optedOutError, storedFailureError, windowClosedError } from './send-errors';
import type { SendLedger } from './send-ledger';

export interface SendDependencies extends OutboundGuardDependencies {
  whatsapp: WhatsAppClient;
  keys: KeyService;
  eventBus: EventBus<MessageEvents>;
  logger: Logger;
  /** The send path's own rows, batched across concurrent sends. */
  sendLedger: SendLedger;
  metrics?: Pick<Metrics, 'sends'>;
  /** Told of every message that ends FAILED, for the owner's failure alerts. */
  failureAlerts?: Pick<FailureAlerts, 'record'>;
}

/** Who sends: the owner, the phone number's credential (managed by the same EntityManager), the agent if any. */
export interface Sender {
  userId: string;
  credential: WhatsAppCredential;
  agentId: string | null;
}

export interface SendRequest {
  sender: Sender;
  /** The customer as the caller typed it: +E.164 or a business-scoped user id. */
  to: string;
  draft: OutboundDraft;
  /** Unique per credential: the same key never sends twice (client keys, and `agent:…` keys of auto-replies). */
  idempotencyKey: string;
  /** Our id of a message of the same conversation to quote. */
  replyToMessageId?: string | null;
}

/** The thread a send belongs to: the number's, or the agent's own on the platform's shared number. */
function lineOf(sender: Sender): string {
  if (sender.credential.platform && !sender.agentId) {
    throw PublicError.badInput('input.agentId', 'The platform\'s shared number sends only on behalf of an agent.');
  }
  return agentLineFor(sender.credential, sender.agentId);
}

function recipientOf(to: string): Recipient {
  try {
    return parseRecipient(to);
  } catch (error) {
    throw PublicError.badInput('input.to', (error as Error).message);
  }
}

/** Same request, same fingerprint: a repeated key with a different message is a client bug, not a retry. */
function fingerprintOf(customerWaId: string, request: SendRequest): string {
  const canonical = JSON.stringify([customerWaId, request.draft.type, request.draft.body, request.draft.reactionTo ?? null, request.replyToMessageId ?? null]);
  return createHash('sha256').update(canonical).digest('base64url');
}

function replayOf(earlier: Message, fingerprint: string): Message {
  if (earlier.requestFingerprint !== fingerprint) {
    throw PublicError.conflict('This idempotency key was already used for a different message.', 'input.idempotencyKey');
  }
  if (earlier.status === MessageStatus.FAILED) throw storedFailureError(earlier.errorCode, earlier.errorTitle);
  return earlier;
}

/** Checks that need no Graph call: the credential is usable and, for free-form content, the window is open. */
function refusal(credential: WhatsAppCredential, conversation: Conversation | null, draft: OutboundDraft, now: Date): PublicError | null {
  if (credential.status !== CredentialStatus.ACTIVE) return credentialUnavailableError(credential.status, credential.statusReason);
  if (draft.freeForm) {
    const window = serviceWindowOf(conversation?.lastInboundAt ?? null, now);
    if (!window.open) return windowClosedError(window);
  }
  return null;
}

/** The wamid of one of the sender's messages in this conversation; anything else is NOT_FOUND. */
async function wamidOf(em: EntityManager, messageId: string, userId: string, conversation: Conversation | null): Promise<string> {
  const found =
    conversation && isUuid(messageId)
      ? await em.findOne(Message, { id: messageId.toLowerCase(), userId, conversationId: conversation.id })
      : null;
  if (!found?.whatsappMessageId) throw PublicError.notFound('Message');
  return found.whatsappMessageId;
}

/**
 * Sends one message: checks (credential, window, references) → decrypted token → one row PENDING under
 * the idempotency key → Graph → SENT with the wamid, or FAILED with Meta's code. The row is written before
 * the call, so a repeated key finds it and never calls Meta twice; it is removed again only when Meta
 * certainly did not take the message (throttled, unreachable before connecting), so that key can retry.
 */
export async function sendMessage(deps: SendDependencies, em: EntityManager, request: SendRequest): Promise<Message> {
  try {
    const message = await sendOnce(deps, em, request);
    deps.metrics?.sends.inc({ outcome: 'sent', error_code: '' });
    return message;
  } catch (error) {
    // A PublicError is an expected refusal or Meta's answer, with its code; anything else is our fault.
    deps.metrics?.sends.inc(error instanceof PublicError ? { outcome: 'failed', error_code: error.code } : { outcome: 'error', error_code: 'INTERNAL' });
    throw error;
  }
}

async function sendOnce(deps: SendDependencies, em: EntityManager, request: SendRequest): Promise<Message> {
  const { sender, draft } = request;
  const { credential } = sender;
  const recipient = recipientOf(request.to);
  const customerWaId = recipient.kind === 'phone' ? toWaId(recipient.to) : recipient.recipient;
  const fingerprint = fingerprintOf(customerWaId, request);
  // Keys are the sender's own: on the platform's shared number several users send through one credential.
  const idempotency = { credentialId: credential.id, userId: sender.userId, idempotencyKey: request.idempotencyKey };
  const agentLine = lineOf(sender);
  const now = new Date();

  // Read on every send, so together with the other sends of this moment in one statement (the opt-out
  // list with it: checked before every send without a round trip of its own).
  const target = await deps.sendLedger.target(em, { phoneNumberId: credential.phoneNumberId, customerWaId, agentLine, credentialId: credential.id });
  let { conversation } = target;
  if (conversation) assertConversationOwner(conversation, sender.userId);
  const refused =
    refusal(credential, conversation, draft, now) ??
    (target.optedOut ? optedOutError() : null) ??
    (target.marketingOptedOut && draft.type === 'template' && (await isMarketingTemplate(em, credential, draft.body)) ? marketingOptedOutError() : null) ??
    // A template is checked against the synced copy, so a mismatch never costs a Graph call.
    (draft.type === 'template' ? await templateRefusal(em, credential, draft.body) : null);
  if (refused) {
    // A repeat of a send that went through before (the window has closed since) still gets its answer.
    const earlier = await em.findOne(Message, idempotency);
    if (earlier) return replayOf(earlier, fingerprint);
    throw refused;
  }

  const contextWamid = request.replyToMessageId ? await wamidOf(em, request.replyToMessageId, sender.userId, conversation) : undefined;
  const body = draft.reactionTo ? { ...draft.body, message_id: await wamidOf(em, draft.reactionTo, sender.userId, conversation) } : draft.body;
  const secrets = await readCredentialSecrets(em, deps.keys, credential);
  await admitSend(deps, em, credential, customerWaId);
  conversation ??= await findOrCreateConversation(em, {
    userId: sender.userId,
    phoneNumberId: credential.phoneNumberId,
    customerWaId,
    agentId: sender.agentId,
    agentLine,
  });

  const message = new Message();
  Object.assign(message, {
    userId: sender.userId,
    credentialId: credential.id,
    agentId: sender.agentId ?? conversation.agentId,
    conversationId: conversation.id,
    idempotencyKey: request.idempotencyKey,
    requestFingerprint: fingerprint,
    fromPhone: credential.phoneNumber.replace(/\D/g, ''),
    toPhone: customerWaId,
    direction: MessageDirection.OUTBOUND,
    messageType: draft.type,
    content: body,
    replyToMessageId: contextWamid ?? null,
    status: MessageStatus.PENDING,
    timestamp: now,
  });
  // Stored with the other sends of this moment in one statement; a taken key replays the earlier send.
  if (!(await deps.sendLedger.insertPending(em, message))) {
    return replayOf(await em.findOneOrFail(Message, idempotency), fingerprint);
  }

  const address = recipient.kind === 'phone' ? { to: recipient.to } : { recipient: recipient.recipient };
  const outbound = {
    ...address,
    ...toOutboundContent({ ...draft, body }),
    ...(contextWamid ? { context: { message_id: contextWamid } } : {}),
  } as OutboundMessage;
  let wamid: string;
  let waId: string | undefined;
  try {
    const response = await callMeta(deps, em, credential, () => deps.whatsapp.sendMessage(secrets, credential.phoneNumberId, outbound));
    wamid = response.messages[0]!.id;
    waId = response.contacts[0]?.wa_id;
  } catch (error) {
    throw await settleFailure(deps, em, credential, message, error);
  }

  message.status = MessageStatus.SENT;
  message.whatsappMessageId = wamid;
  message.statusAt = new Date();
  if (waId) message.toPhone = waId;
  await deps.sendLedger.recordSent(em, message, now);
  publishStatus(deps.eventBus, message);
  return message;
}

/** Records what a failed Graph call means for the message and returns the error for the caller. */
async function settleFailure(deps: SendDependencies, em: EntityManager, credential: WhatsAppCredential, message: Message, error: unknown): Promise<unknown> {
  const failure = classifySendFailure(error);
  // Meta says the customer opted out: remembered, so the next send is refused here without a Graph call.
  if (isOptedOutAtMeta(failure)) {
    await suppressAfterMetaRefusal(em, { userId: credential.userId, credentialId: credential.id, customerWaId: message.toPhone, reason: failure!.error.message });
  }
  if (failure?.kind === 'retryable') {
    await em.nativeDelete(Message, { id: message.id, status: MessageStatus.PENDING });
    return failure.error;
  }
  if (!failure) deps.logger.error({ err: error, messageId: message.id }, 'send failed unexpectedly; kept as FAILED');
  message.status = MessageStatus.FAILED;
  message.statusAt = new Date();
  message.errorCode = failure?.kind === 'rejected' ? failure.errorCode : null;
  message.errorTitle = failure?.errorTitle ?? 'internal error while sending';
  await em.nativeUpdate(
    Message,
    { id: message.id, status: MessageStatus.PENDING },
    { status: message.status, statusAt: message.statusAt, errorCode: message.errorCode, errorTitle: message.errorTitle },
  );
  publishStatus(deps.eventBus, message);
  if (!credential.platform) {
    await deps.failureAlerts?.record([{
      userId: credential.userId,
      credentialId: credential.id,
      kind: FailureAlertKind.MESSAGE_FAILED,
      at: message.statusAt,
      errorCode: message.errorCode === null ? null : String(message.errorCode),
      reason: failureReasonOf(message.errorCode, message.errorTitle),
    }]);
  }
  return failure?.error ?? error;
}

function publishStatus(eventBus: EventBus<MessageEvents>, message: Message): void {
  if (!message.agentId) return;
  eventBus.publish(MessageTopic.Status, message.agentId, {
    messageId: message.id,
    userId: message.userId,
    agentId: message.agentId,
    status: message.status,
  });
}
