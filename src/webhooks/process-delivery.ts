import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { AgentWhatsAppConfig, routePlatformInbound } from '../agents';
import { auditWithin, AuditOutcome, type AuditDetail } from '../audit';
import { readCredentialSecrets, type WhatsAppCredential } from '../credentials';
import { Topic, type MessageEvent } from '../events';
import { QueueName, type JobQueue } from '../jobs';
import type { KeyService } from '../keys';
import { readableText, recordInboundMessage, recordMessageStatus, MessageStatus } from '../messaging';
import {
  isMessagesChange,
  MessagesChangeSchema,
  OtherChangeSchema,
  parseWebhookPayload,
  verifyWebhookSignature,
  type InboundMessage,
  type MessagesValue,
  type MessageStatus as WebhookStatus,
  type WebhookChange,
} from '../whatsapp';
import { DeliveryOutcome } from './delivery-outcome';
import type { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export interface ProcessingDeps {
  keys: KeyService;
  jobs: JobQueue;
}

/** An event to publish once the processing transaction has committed (subscribers re-read the rows). */
export type PendingEvent = { topic: Topic.InboundMessage | Topic.MessageStatus; agentId: string; payload: MessageEvent };

export interface DeliveryCounts {
  messages: number;
  duplicateMessages: number;
  statuses: number;
  duplicateStatuses: number;
  rejectedChanges: number;
  ignoredChanges: number;
  systemErrors: number;
}

export interface ProcessedDelivery {
  outcome: DeliveryOutcome;
  /** The signature of a delivery stored unverified was checked and matched. */
  nowVerified: boolean;
  endpointId: string | null;
  counts: DeliveryCounts;
  events: PendingEvent[];
}

const AnyChangeSchema = z.union([MessagesChangeSchema, OtherChangeSchema]);

/**
 * Reads shared by the deliveries of one batch (most of a batch is usually for a few endpoints), so each
 * endpoint and each number's agent is looked up once per batch rather than once per delivery.
 */
export class BatchLookups {
  private readonly endpoints = new Map<string, Promise<WebhookEndpoint | null>>();
  private readonly agents = new Map<string, Promise<string | null>>();

  constructor(
    private readonly em: EntityManager,
    private readonly keys: KeyService,
  ) {}

  /** Secrets are read through the unit of work that loaded the credential (its columns are lazy). */
  appSecretOf(credential: WhatsAppCredential): Promise<string> {
    return readCredentialSecrets(this.em, this.keys, credential).then((secrets) => secrets.appSecret);
  }

  endpoint(id: string): Promise<WebhookEndpoint | null> {
    if (!this.endpoints.has(id)) this.endpoints.set(id, this.em.findOne(WebhookEndpoint, { id }, { populate: ['credential'] }));
    return this.endpoints.get(id)!;
  }

  /** The agent configured for the number (only on this credential), or null when there is none. */
  agentFor(credentialId: string, phoneNumberId: string): Promise<string | null> {
    const key = `${credentialId}:${phoneNumberId}`;
    if (!this.agents.has(key)) {
      this.agents.set(
        key,
        this.em.findOne(AgentWhatsAppConfig, { phoneNumberId, credential: credentialId }, { fields: ['agentId'] }).then((config) => config?.agentId ?? null),
      );
    }
    return this.agents.get(key)!;
  }
}

/**
 * Applies one stored delivery inside the caller's transaction: every entry and every change, each
 * message once per wamid and each status once per (wamid, status). Running it again on the same
 * delivery (after a crash, or a replay) changes nothing.
 */
export async function processDelivery(
  em: EntityManager,
  delivery: WebhookDelivery,
  deps: ProcessingDeps,
  lookups: BatchLookups = new BatchLookups(em, deps.keys),
): Promise<ProcessedDelivery> {
  const result: ProcessedDelivery = {
    outcome: DeliveryOutcome.PROCESSED,
    nowVerified: false,
    endpointId: null,
    counts: { messages: 0, duplicateMessages: 0, statuses: 0, duplicateStatuses: 0, rejectedChanges: 0, ignoredChanges: 0, systemErrors: 0 },
    events: [],
  };
  const endpoint = await lookups.endpoint(delivery.endpointId);
  if (!endpoint) return { ...result, outcome: DeliveryOutcome.ENDPOINT_GONE };
  result.endpointId = endpoint.id;
  const credential = endpoint.credential;
  const audit = (action: string, outcome: AuditOutcome, details: Record<string, AuditDetail>) =>
    auditWithin(em, {
      actor: 'system',
      action,
      outcome,
      subjectUserId: endpoint.userId,
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      details: { deliveryId: delivery.id, ...details },
    });

  if (!delivery.signatureVerified) {
    // Stored while the key service was down: authenticate now, before anything is applied.
    const appSecret = await lookups.appSecretOf(credential);
    if (!verifyWebhookSignature(appSecret, delivery.rawBody, delivery.signatureHeader)) {
      audit('webhook.signature_rejected', AuditOutcome.REJECTED, { reason: 'signature_mismatch' });
      return { ...result, outcome: DeliveryOutcome.SIGNATURE_REJECTED };
    }
    result.nowVerified = true;
  }

  const changes = changesOf(delivery.rawBody);
  if (!changes) {
    audit('webhook.delivery_rejected', AuditOutcome.REJECTED, { reason: 'invalid_payload' });
    return { ...result, outcome: DeliveryOutcome.INVALID_PAYLOAD };
  }

  const handler = new ChangeHandler(em, deps, lookups, endpoint, credential, result);
  for (const item of changes) {
    if ('issues' in item) {
      result.counts.rejectedChanges += 1;
      audit('webhook.change_rejected', AuditOutcome.REJECTED, { reason: 'malformed_change', field: item.field, issues: item.issues.slice(0, 10) });
      continue;
    }
    const rejection = handler.rejectionOf(item.wabaId, item.change);
    if (rejection) {
      result.counts.rejectedChanges += 1;
      audit('webhook.change_rejected', AuditOutcome.REJECTED, rejection);
      continue;
    }
    if (!isMessagesChange(item.change)) {
      // Template and account fields reach the app-level callback, not this override (README).
      result.counts.ignoredChanges += 1;
      continue;
    }
    await handler.apply(item.change.value);
    if (item.change.value.errors?.length) {
      result.counts.systemErrors += item.change.value.errors.length;
      audit('webhook.system_error', AuditOutcome.FAILURE, { codes: item.change.value.errors.map((e) => String(e.code)) });
    }
  }
  if (result.counts.rejectedChanges > 0) result.outcome = DeliveryOutcome.PROCESSED_WITH_REJECTIONS;
  return result;
}

type ParsedChange = { wabaId: string; change: WebhookChange } | { field: string; issues: string[] };

/**
 * Every change of the delivery, each validated on its own: a change Meta shaped in a way we do not
 * expect is rejected by itself. Null when the body is not an envelope (it passed a check at receipt, so
 * only a bug or a forged unverified delivery gets here).
 */
function changesOf(rawBody: Buffer): ParsedChange[] | null {
  const parsed = parseWebhookPayload(rawBody);
  if (parsed.ok) return parsed.envelope.entry.flatMap((entry) => entry.changes.map((change) => ({ wabaId: entry.id, change })));
  if (parsed.reason === 'invalid_json') return null;
  const json = JSON.parse(rawBody.toString('utf8')) as { entry?: unknown };
  if (!Array.isArray(json.entry)) return null;
  return json.entry.flatMap((entry: { id?: unknown; changes?: unknown }) => {
    const changes = Array.isArray(entry?.changes) ? (entry.changes as unknown[]) : [];
    return changes.map((raw): ParsedChange => {
      const change = AnyChangeSchema.safeParse(raw);
      const field = typeof (raw as { field?: unknown })?.field === 'string' ? (raw as { field: string }).field : '(none)';
      if (!change.success || typeof entry.id !== 'string') {
        return { field, issues: change.success ? ['entry.id: expected a string'] : change.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
      }
      return { wabaId: entry.id, change: change.data };
    });
  });
}

/** Applies the `messages` changes of one delivery for one endpoint. */
class ChangeHandler {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: ProcessingDeps,
    private readonly lookups: BatchLookups,
    private readonly endpoint: WebhookEndpoint,
    private readonly credential: WhatsAppCredential,
    private readonly result: ProcessedDelivery,
  ) {}

  /**
   * A change for another number or business account is never routed: with several tenants on one Meta
   * app, a misdirected (or forged with a shared app secret) change would otherwise land with the wrong
   * tenant (anchors §8).
   */
  rejectionOf(wabaId: string, change: WebhookChange): Record<string, AuditDetail> | null {
    if (wabaId !== this.credential.businessAccountId) return { reason: 'business_account_mismatch', field: change.field, businessAccountId: wabaId };
    if (!isMessagesChange(change)) return null;
    const phoneNumberId = change.value.metadata.phone_number_id;
    if (phoneNumberId !== this.endpoint.phoneNumberId) return { reason: 'phone_number_mismatch', field: change.field, phoneNumberId };
    return null;
  }

  async apply(value: MessagesValue): Promise<void> {
    for (const message of value.messages ?? []) await this.inbound(value, message);
    for (const status of value.statuses ?? []) await this.status(status);
  }

  private async inbound(value: MessagesValue, message: InboundMessage): Promise<void> {
    const customer = message.from ?? message.from_user_id;
    if (!customer) {
      this.result.counts.rejectedChanges += 1;
      auditWithin(this.em, {
        actor: 'system',
        action: 'webhook.message_rejected',
        outcome: AuditOutcome.REJECTED,
        subjectUserId: this.endpoint.userId,
        targetType: 'WebhookEndpoint',
        targetId: this.endpoint.id,
        details: { reason: 'no_sender', wamid: message.id },
      });
      return;
    }
    const contacts = value.contacts ?? [];
    const contact =
      contacts.find((c) => (message.from && c.wa_id === message.from) || (message.from_user_id && c.user_id === message.from_user_id)) ??
      (contacts.length === 1 ? contacts[0] : undefined);
    const { userId, agentId, agentLine } = await this.recipientOf(value, message, customer);
    const recorded = await recordInboundMessage(this.em, {
      userId,
      credentialId: this.credential.id,
      agentId,
      agentLine,
      phoneNumberId: value.metadata.phone_number_id,
      businessNumber: value.metadata.display_phone_number,
      wamid: message.id,
      customerWaId: customer,
      customerName: contact?.profile?.name ?? null,
      messageType: message.type,
      content: message as Record<string, unknown>,
      replyToWamid: message.context?.id ?? null,
      timestamp: fromUnixSeconds(message.timestamp),
    });
    if (!recorded.isNew) {
      this.result.counts.duplicateMessages += 1;
      return;
    }
    this.result.counts.messages += 1;
    // In this transaction: the agent's work exists if and only if the message does.
    await this.deps.jobs.send(QueueName.AgentInbound, { messageId: recorded.messageId }, { em: this.em });
    if (agentId) {
      this.result.events.push({
        topic: Topic.InboundMessage,
        agentId,
        payload: { messageId: recorded.messageId, userId, agentId, status: MessageStatus.RECEIVED },
      });
    }
  }

  /**
   * Whose message this is. An own number belongs to its owner and routes to the agent on it; the
   * platform's shared number serves many users' agents, so the message itself says which (migration
   * phase 1). A platform message for nobody is kept under the platform and audited, never dropped.
   */
  private async recipientOf(
    value: MessagesValue,
    message: InboundMessage,
    customer: string,
  ): Promise<{ userId: string; agentId: string | null; agentLine: string }> {
    const phoneNumberId = value.metadata.phone_number_id;
    if (!this.credential.platform) {
      return { userId: this.endpoint.userId, agentId: await this.lookups.agentFor(this.credential.id, phoneNumberId), agentLine: '' };
    }
    const route = await routePlatformInbound(this.em, phoneNumberId, customer, readableText(message.type, message as Record<string, unknown>));
    if (!route) {
      auditWithin(this.em, {
        actor: 'system',
        action: 'platform.inbound_unrouted',
        outcome: AuditOutcome.REJECTED,
        subjectUserId: this.endpoint.userId,
        targetType: 'WebhookEndpoint',
        targetId: this.endpoint.id,
        details: { reason: 'no_agent_code_or_thread', wamid: message.id },
      });
      return { userId: this.endpoint.userId, agentId: null, agentLine: '' };
    }
    return { userId: route.userId, agentId: route.agentId, agentLine: route.agentId };
  }

  private async status(status: WebhookStatus): Promise<void> {
    const error = status.errors?.[0];
    const recorded = await recordMessageStatus(this.em, {
      credentialId: this.credential.id,
      wamid: status.id,
      status: status.status,
      timestamp: fromUnixSeconds(status.timestamp),
      errorCode: error?.code ?? null,
      errorTitle: error?.title ?? error?.message ?? null,
      payload: status as Record<string, unknown>,
    });
    if (recorded.duplicate) {
      this.result.counts.duplicateStatuses += 1;
      return;
    }
    this.result.counts.statuses += 1;
    const applied = recorded.applied;
    if (applied?.agentId) {
      this.result.events.push({
        topic: Topic.MessageStatus,
        agentId: applied.agentId,
        payload: { messageId: applied.messageId, userId: applied.userId, agentId: applied.agentId, status: applied.status },
      });
    }
  }
}

function fromUnixSeconds(value: string): Date {
  return new Date(Number(value) * 1000);
}
