import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CredentialStatus, readCredentialSecrets, SECRET_COLUMNS, WhatsAppCredential } from '../credentials';
import { ErrorCode, PublicError } from '../platform/errors';
import { isUuid } from '../platform/graphql/ids';
import {
  Conversation,
  Message,
  MessageDirection,
  readableText,
  sendMessage,
  textDraft,
  type OutboundDraft,
  type SendDependencies,
  type Sender,
} from '../messaging';
import { inboundMediaOf, mediaLinkFor, type MediaLinkSettings } from '../messaging';
import { AgentReply, AgentReplyState } from './agent-reply.entity';
import { AgentRuntimeRejectedError, type AgentRuntimeClient } from './agent-runtime-client';
import { CONTRACT_VERSION, type AgentRuntimeReply, type AgentRuntimeRequest } from './agent-runtime-contract';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
import { closedPeriodOf, isOpenAt } from './business-hours-clock';
import { refusedRepliesTo, sendAgentReply } from './send-agent-reply';

export interface AgentInboundDependencies extends SendDependencies {
  orm: MikroORM;
  /** Null when AGENT_RUNTIME_URL is unset: welcome and fallback messages still go out. */
  runtime: AgentRuntimeClient | null;
  runtimeTimeoutMs: number;
  /** How links to a media message's file are made for the runtime; without it the request carries none. */
  mediaLinks?: MediaLinkSettings;
}

export type AgentInboundOutcome =
  | 'not_found' | 'not_inbound' | 'no_agent' | 'paused' | 'owner_replying' | 'auto_reply_off' | 'credential_unavailable' | 'closed'
  | 'runtime_missing' | 'no_reply' | 'replied' | 'refused';

/** Another worker is calling the runtime for this message right now: the job retries after its lease. */
class AgentReplyInProgressError extends Error {
  constructor() {
    super('another worker is asking the agent runtime about this message');
    this.name = 'AgentReplyInProgressError';
  }
}

const HISTORY = 20;
// The lease outlives the runtime timeout, so a lease only expires once its call has certainly ended.
const LEASE_MARGIN_MS = 30_000;

/**
 * The agent's work for one inbound message (the `agent-inbound` job): the welcome on a customer's first
 * message, the fallback outside business hours, otherwise the agent runtime's reply. Every step is
 * idempotent, so the job may run again at any point: each automatic message has an idempotency key
 * derived from the conversation or the inbound message, and the runtime's answer is recorded once.
 */
export async function handleAgentInbound(deps: AgentInboundDependencies, messageId: string): Promise<AgentInboundOutcome> {
  const em = deps.orm.em.fork();
  const message = isUuid(messageId) ? await em.findOne(Message, { id: messageId.toLowerCase() }) : null;
  if (!message) return 'not_found';
  if (message.direction !== MessageDirection.INBOUND) return 'not_inbound';
  const conversation = await em.findOneOrFail(Conversation, { id: message.conversationId });
  // On the platform's shared number the thread names its agent; on an own number the number does.
  const config = await em.findOne(
    AgentWhatsAppConfig,
    conversation.agentLine ? { agentId: conversation.agentLine, userId: message.userId } : { phoneNumberId: conversation.phoneNumberId, userId: message.userId },
  );
  if (!config) return 'no_agent';
  if (!config.enabled) return 'paused';
  if (!config.autoReply) return 'auto_reply_off';
  // The owner wrote from the WhatsApp Business app on this number just before: the agent keeps quiet.
  if (conversation.agentPausedUntil && conversation.agentPausedUntil > message.timestamp) return 'owner_replying';
  // Answers go out from the number the customer wrote to.
  const credential = await em.findOne(WhatsAppCredential, { id: message.credentialId }, { populate: [...SECRET_COLUMNS] });
  // Nothing could be sent: do not ask the runtime for a reply that would be thrown away.
  if (credential?.status !== CredentialStatus.ACTIVE) {
    deps.logger.warn({ agentId: config.agentId, status: credential?.status ?? null }, 'credential not ACTIVE; inbound message left unanswered');
    return 'credential_unavailable';
  }

  const sender: Sender = { userId: message.userId, credential, agentId: config.agentId };
  const send = (draft: OutboundDraft, key: string, replyTo: string | null = null) =>
    sendAutomatic(deps, em, sender, conversation, draft, key, replyTo);
  const firstContact = await isFirstInbound(em, message);
  if (firstContact && config.welcomeMessage) await send(textDraft(config.welcomeMessage), `agent:welcome:${conversation.id}`);

  if (!isOpenAt(config.businessHours, message.timestamp)) {
    if (config.fallbackMessage) {
      await send(textDraft(config.fallbackMessage), `agent:fallback:${conversation.id}:${closedPeriodOf(config.businessHours!, message.timestamp)}`);
    }
    return 'closed';
  }
  if (!deps.runtime) {
    deps.logger.warn({ agentId: config.agentId }, 'auto-reply is on but AGENT_RUNTIME_URL is unset; no reply');
    return 'runtime_missing';
  }
  const { record, reply } = await obtainReply(deps, deps.runtime, em, message, conversation, config, firstContact, credential);
  if (!reply) return 'no_reply';
  if (record.replyMessageId) return 'replied';
  return sendAgentReply(em, deps.logger, record, reply, message, send);
}

async function isFirstInbound(em: EntityManager, message: Message): Promise<boolean> {
  const earlier = await em.count(Message, {
    conversationId: message.conversationId,
    direction: MessageDirection.INBOUND,
    $or: [{ timestamp: { $lt: message.timestamp } }, { timestamp: message.timestamp, id: { $lt: message.id } }],
  });
  return earlier === 0;
}

/**
 * Sends one automatic message. Failures that waiting fixes (throttling, Meta or the key service
 * unreachable) are thrown so the job retries; the rest are Meta's or the configuration's final word:
 * logged (the message itself records Meta's error code) and returned.
 */
async function sendAutomatic(
  deps: AgentInboundDependencies,
  em: EntityManager,
  sender: Sender,
  conversation: Conversation,
  draft: OutboundDraft,
  idempotencyKey: string,
  replyToMessageId: string | null,
): Promise<Message | PublicError | null> {
  const to = /^\d+$/.test(conversation.customerWaId) ? `+${conversation.customerWaId}` : conversation.customerWaId;
  try {
    return await sendMessage(deps, em, { sender, to, draft, idempotencyKey, replyToMessageId });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const retry = error.code === ErrorCode.RateLimited || (error.code === ErrorCode.DependencyUnavailable && error.extensions.reason !== 'OUTCOME_UNKNOWN');
    if (retry) throw error;
    // CONFLICT: this key already sent something (the configured text changed since): it counts as sent.
    if (error.code === ErrorCode.Conflict) return null;
    deps.logger.warn({ agentId: sender.agentId, idempotencyKey, code: error.code, reason: error.extensions.reason }, 'automatic message not sent');
    return error;
  }
}

async function markerOf(em: EntityManager, message: Message, agentId: string): Promise<AgentReply> {
  const existing = await em.findOne(AgentReply, { inboundMessageId: message.id });
  if (existing) return existing;
  const marker = new AgentReply();
  Object.assign(marker, { inboundMessageId: message.id, userId: message.userId, agentId });
  try {
    await em.insert(marker);
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
  return em.findOneOrFail(AgentReply, { inboundMessageId: message.id }, { refresh: true });
}

/**
 * The runtime's answer for this message: the recorded one, or a new call under a lease. The lease (an
 * optimistic claim on `attempts`) lets only one worker call at a time; a failed call releases it so the
 * job's retry calls again with the same idempotency key.
 */
async function obtainReply(
  deps: AgentInboundDependencies,
  runtime: AgentRuntimeClient,
  em: EntityManager,
  message: Message,
  conversation: Conversation,
  config: AgentWhatsAppConfig,
  firstContact: boolean,
  credential: WhatsAppCredential,
): Promise<{ record: AgentReply; reply: AgentRuntimeReply | null }> {
  const record = await markerOf(em, message, config.agentId);
  if (record.state !== AgentReplyState.PENDING) {
    return { record, reply: record.state === AgentReplyState.REPLIED ? (record.reply as AgentRuntimeReply) : null };
  }
  const now = new Date();
  if (record.leaseUntil && record.leaseUntil > now) throw new AgentReplyInProgressError();
  const attempt = record.attempts + 1;
  const claimed = await em.nativeUpdate(
    AgentReply,
    { id: record.id, state: AgentReplyState.PENDING, attempts: record.attempts },
    { attempts: attempt, leaseUntil: new Date(now.getTime() + deps.runtimeTimeoutMs + LEASE_MARGIN_MS) },
  );
  if (claimed === 0) throw new AgentReplyInProgressError();

  if (config.markRead || config.typingIndicator) await showAttention(deps, em, credential, message, config.typingIndicator);
  const request = await runtimeRequest(em, message, conversation, config, firstContact, attempt, deps.mediaLinks);
  let reply: AgentRuntimeReply | null;
  try {
    reply = await runtime.requestReply(request);
  } catch (error) {
    const rejected = error instanceof AgentRuntimeRejectedError;
    await em.nativeUpdate(
      AgentReply,
      { id: record.id },
      { leaseUntil: null, lastError: (error as Error).message, ...(rejected ? { state: AgentReplyState.FAILED } : {}) },
    );
    if (rejected) {
      deps.logger.warn({ agentId: config.agentId, messageId: message.id, err: error }, 'the agent runtime refused the message; no reply');
      return { record, reply: null };
    }
    throw error;
  }
  await em.nativeUpdate(
    AgentReply,
    { id: record.id, state: AgentReplyState.PENDING },
    {
      state: reply ? AgentReplyState.REPLIED : AgentReplyState.NO_REPLY,
      reply: reply as Record<string, unknown> | null,
      answeredAt: new Date(),
      leaseUntil: null,
      lastError: null,
    },
  );
  return { record, reply };
}

/**
 * The blue ticks (and "typing…") while the runtime thinks. Best effort: a customer not seeing them is no
 * reason to hold back the reply, so a failure is logged and the call to the runtime goes on.
 */
async function showAttention(
  deps: AgentInboundDependencies,
  em: EntityManager,
  credential: WhatsAppCredential,
  message: Message,
  typingIndicator: boolean,
): Promise<void> {
  if (!message.whatsappMessageId) return;
  try {
    const secrets = await readCredentialSecrets(em, deps.keys, credential);
    await deps.whatsapp.markAsRead(secrets, credential.phoneNumberId, message.whatsappMessageId, { typingIndicator });
  } catch (error) {
    deps.logger.warn({ err: error, messageId: message.id }, 'could not mark the message read for the customer');
  }
}

async function runtimeRequest(
  em: EntityManager,
  message: Message,
  conversation: Conversation,
  config: AgentWhatsAppConfig,
  firstContact: boolean,
  attempt: number,
  mediaLinks: MediaLinkSettings | undefined,
): Promise<AgentRuntimeRequest> {
  const earlier = await em.find(
    Message,
    {
      conversationId: conversation.id,
      $or: [{ timestamp: { $lt: message.timestamp } }, { timestamp: message.timestamp, id: { $lt: message.id } }],
    },
    { orderBy: { timestamp: 'desc', id: 'desc' }, limit: HISTORY },
  );
  // Made per attempt, so a retried call never carries a link that expired while it waited.
  const link = mediaLinks ? mediaLinkFor(mediaLinks, message) : null;
  const file = link ? inboundMediaOf(message) : null;
  const refusedReplies = await refusedRepliesTo(em, earlier.filter((m) => m.direction === MessageDirection.INBOUND).map((m) => m.id));
  return {
    version: CONTRACT_VERSION,
    type: 'whatsapp.inbound_message',
    idempotencyKey: message.id,
    attempt,
    agent: { id: config.agentId, userId: config.userId },
    conversation: {
      id: conversation.id,
      customer: { waId: conversation.customerWaId, name: conversation.customerName },
      firstContact,
    },
    message: {
      id: message.id,
      wamid: message.whatsappMessageId,
      type: message.messageType,
      text: readableText(message.messageType, message.content),
      content: message.content,
      timestamp: message.timestamp.toISOString(),
      ...(link && file
        ? { media: { url: link.url, expiresAt: link.expiresAt.toISOString(), mimeType: file.mimeType, fileName: file.fileName } }
        : {}),
    },
    history: earlier.reverse().map((m) => ({
      direction: m.direction,
      type: m.messageType,
      text: readableText(m.messageType, m.content),
      timestamp: m.timestamp.toISOString(),
    })),
    ...(refusedReplies.length > 0 ? { refusedReplies } : {}),
  };
}
