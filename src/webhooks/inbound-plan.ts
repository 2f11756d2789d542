import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AuditOutcome, type AuditDetail, type AuditRecord } from '../audit';
import type { InboundMessageRow, InboundStatusRow, MessageChangeRow, OwnerEchoRow } from '../messaging';
import { consentChangeOf, type ConsentChangeRow, type MarketingPreferenceRow } from '../opt-outs';
import type { AccountUpdateRow, QualityUpdateRow } from '../credentials';
import { accountDetailsOf, accountEffectOf } from './account-update-plan';
import { templateComponentsRow, type TemplateUpdateRow } from '../templates';
import {
  AccountUpdateSchema,
  UserPreferencesValueSchema,
  OwnerEchoesValueSchema,
  CallsValueSchema,
  PhoneNumberQualityUpdateSchema,
  TemplateCategoryUpdateSchema,
  TemplateComponentsUpdateSchema,
  TemplateQualityUpdateSchema,
  TemplateStatusUpdateSchema,
  LenientMessagesValueSchema,
  OtherChangeSchema,
  parseInboundMessage,
  isMessageChange,
  parseMessageChange,
  parseWebhookContact,
  StatusSchema,
  type InboundMessage,
  type LenientMessagesValue,
  type WebhookContact,
} from '../adapters/whatsapp';
import { DeadLetterKind } from './inbound-dead-letter.entity';
import { DeliveryOutcome } from './delivery-outcome';
import type { AgentFacts } from './inbound-agents';
import type { CallRow } from './call-store';

/**
 * Inbound processing, step one: a stored delivery taken apart in memory into what the batch will write
 * (messages, statuses, audit entries, dead letters). Nothing here touches the database; routing facts
 * come in through `PlanContext`, looked up once per batch.
 */

export interface DeliveryCounts {
  messages: number;
  duplicateMessages: number;
  /** Messages Meta sent without their content (stored with Meta's error). */
  incompleteMessages: number;
  statuses: number;
  duplicateStatuses: number;
  /** Edits and revokes applied to earlier messages (redelivered ones count as duplicate messages). */
  messageChanges: number;
  rejectedChanges: number;
  ignoredChanges: number;
  systemErrors: number;
  deadLettered: number;
}

export interface EndpointFacts {
  id: string;
  userId: string;
  phoneNumberId: string;
  credentialId: string;
  businessAccountId: string;
  /** As Meta formats it (`+1 555-…`); quality webhooks name the number by its digits only. */
  phoneNumber: string;
  platform: boolean;
}

/** Where a platform message goes: the agent the customer's code or thread names, or nobody. */
export type PlatformRoute = { userId: string; agentId: string } | null;

export interface PlanContext {
  /** The agent on an own number, by `${credentialId} ${phoneNumberId}`. */
  agentOn(credentialId: string, phoneNumberId: string): AgentFacts | null;
  /** The agents domain's judgement: will this agent act on a message received at `at`? */
  willAct(agent: AgentFacts, at: Date): boolean;
  /** Routing on the platform's shared number, decided in order of the messages in the batch. */
  routePlatform(phoneNumberId: string, customer: string, message: InboundMessage): Promise<PlatformRoute>;
}

/** What a dead letter needs to be written and, later, applied again. */
export interface DeadLetterDraft {
  userId: string;
  credentialId: string;
  endpointId: string;
  deliveryId: string;
  kind: DeadLetterKind;
  wamid: string | null;
  /** JSON: `{ wabaId, value }` with the value cut down to this one item (plus metadata and contacts). */
  payload: string;
}

export type PlannedItem =
  | {
      kind: 'message';
      delivery: number;
      row: InboundMessageRow;
      agentWillAct: boolean;
      deadLetter: DeadLetterDraft;
      /** Set when the text is an opt-out keyword (STOP, START...): applied with the message, if it is new. */
      consent: ConsentChangeRow | null;
    }
  | { kind: 'status'; delivery: number; row: InboundStatusRow; agentId: null; deadLetter: DeadLetterDraft }
  /** A voice call's event (`calls`): recorded and announced. */
  | { kind: 'call'; delivery: number; row: CallRow; deadLetter: DeadLetterDraft }
  /** A message the owner sent from the WhatsApp Business app (`smb_message_echoes`). */
  | { kind: 'echo'; delivery: number; row: OwnerEchoRow; deadLetter: DeadLetterDraft }
  /** A customer stopped or resumed marketing messages (`user_preferences`). */
  | { kind: 'preference'; delivery: number; row: MarketingPreferenceRow; deadLetter: DeadLetterDraft }
  /** A customer's edit or revoke of an earlier message; dead-lettered (to apply again later) when that message is not here. */
  | { kind: 'change'; delivery: number; row: MessageChangeRow; deadLetter: DeadLetterDraft };

export interface DeliveryPlan {
  deliveryId: string;
  endpointId: string | null;
  outcome: DeliveryOutcome;
  nowVerified: boolean;
  counts: DeliveryCounts;
  audits: AuditRecord[];
  /** Dead letters decided while planning (malformed items); the apply step may add more. */
  deadLetters: Array<DeadLetterDraft & { reason: string; errorCode: string | null }>;
  /** Template status, quality and category webhooks (rare): applied with the batch, set-based. */
  templateUpdates?: TemplateUpdateRow[];
  /** `phone_number_quality_update` of this endpoint's number (rare). */
  qualityUpdates?: QualityUpdateRow[];
  /** `account_update` of this endpoint's business account (rare). */
  accountUpdates?: AccountUpdateRow[];
}

export function emptyCounts(): DeliveryCounts {
  return { messages: 0, duplicateMessages: 0, incompleteMessages: 0, statuses: 0, duplicateStatuses: 0, messageChanges: 0, rejectedChanges: 0, ignoredChanges: 0, systemErrors: 0, deadLettered: 0 };
}

const EntrySchema = z.looseObject({ id: z.string(), changes: z.array(z.unknown()) });
const EnvelopeSchema = z.looseObject({ object: z.literal('whatsapp_business_account'), entry: z.array(z.unknown()) });
const ChangeHeadSchema = z.looseObject({ field: z.string().min(1), value: z.unknown() });

/**
 * Plans one delivery (already authenticated) into `items`, which the caller applies with the rest of its
 * batch. `index` is the delivery's position in the batch; items carry it back.
 */
export async function planDelivery(
  index: number,
  delivery: { id: string; rawBody: Buffer },
  endpoint: EndpointFacts,
  context: PlanContext,
  items: PlannedItem[],
): Promise<DeliveryPlan> {
  const plan: DeliveryPlan = { deliveryId: delivery.id, endpointId: endpoint.id, outcome: DeliveryOutcome.PROCESSED, nowVerified: false, counts: emptyCounts(), audits: [], deadLetters: [] };
  const audit = (action: string, outcome: AuditOutcome, details: Record<string, AuditDetail>) =>
    plan.audits.push({
      actor: 'system',
      action,
      outcome,
      subjectUserId: endpoint.userId,
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      details: { deliveryId: delivery.id, ...details },
    });
  const deadLetter = (kind: DeadLetterKind, wamid: string | null, payload: unknown): DeadLetterDraft => ({
    userId: endpoint.userId,
    credentialId: endpoint.credentialId,
    endpointId: endpoint.id,
    deliveryId: delivery.id,
    kind,
    wamid,
    payload: JSON.stringify(payload),
  });
  const reject = (kind: DeadLetterKind, wamid: string | null, payload: unknown, reason: string, details: Record<string, AuditDetail>) => {
    plan.counts.rejectedChanges += 1;
    plan.deadLetters.push({ ...deadLetter(kind, wamid, payload), reason, errorCode: null });
    audit('webhook.change_rejected', AuditOutcome.REJECTED, { reason, ...details });
  };

  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    json = undefined;
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    audit('webhook.delivery_rejected', AuditOutcome.REJECTED, { reason: 'invalid_payload' });
    plan.outcome = DeliveryOutcome.INVALID_PAYLOAD;
    return plan;
  }

  for (const rawEntry of envelope.data.entry) {
    const entry = EntrySchema.safeParse(rawEntry);
    if (!entry.success) {
      reject(DeadLetterKind.CHANGE, null, { entry: rawEntry }, 'malformed_change', { field: '(none)', issues: issuesOf(entry.error) });
      continue;
    }
    const wabaId = entry.data.id;
    for (const rawChange of entry.data.changes) {
      const head = ChangeHeadSchema.safeParse(rawChange);
      const field = head.success ? head.data.field : '(none)';
      if (!head.success) {
        reject(DeadLetterKind.CHANGE, null, { wabaId, change: rawChange }, 'malformed_change', { field, issues: issuesOf(head.error) });
        continue;
      }
      // A change for another business account or number is never routed: with several tenants on one
      // Meta app, a misdirected (or forged with a shared app secret) change would land with the wrong one.
      if (wabaId !== endpoint.businessAccountId) {
        plan.counts.rejectedChanges += 1;
        audit('webhook.change_rejected', AuditOutcome.REJECTED, { reason: 'business_account_mismatch', field, businessAccountId: wabaId });
        continue;
      }
      if (field !== 'messages') {
        const other = OtherChangeSchema.safeParse(rawChange);
        if (!other.success) {
          reject(DeadLetterKind.CHANGE, null, { wabaId, change: rawChange }, 'malformed_change', { field, issues: issuesOf(other.error) });
          continue;
        }
        if (field === 'calls') {
          const outcome = planCalls(index, wabaId, other.data.value, endpoint, items, deadLetter);
          if (outcome === 'ignored') plan.counts.ignoredChanges += 1;
          else if (outcome !== 'planned') reject(DeadLetterKind.CHANGE, null, { wabaId, change: rawChange }, 'malformed_change', { field, issues: outcome });
          continue;
        }
        if (field === 'smb_message_echoes') {
          const outcome = planOwnerEchoes(index, wabaId, other.data.value, endpoint, context, items, deadLetter);
          if (outcome === 'ignored') plan.counts.ignoredChanges += 1;
          else if (outcome !== 'planned') reject(DeadLetterKind.CHANGE, null, { wabaId, change: rawChange }, 'malformed_change', { field, issues: outcome });
          continue;
        }
        if (field === 'user_preferences') {
          const outcome = planPreferences(index, wabaId, other.data.value, endpoint, items, deadLetter);
          if (outcome === 'ignored') plan.counts.ignoredChanges += 1;
          else if (outcome !== 'planned') reject(DeadLetterKind.CHANGE, null, { wabaId, change: rawChange }, 'malformed_change', { field, issues: outcome });
          continue;
        }
        // These fields go to the app's callback URL, which the owner may point at this endpoint.
        const outcome = planAccountChange(field, wabaId, other.data.value, endpoint, plan);
        if (outcome === 'ignored') plan.counts.ignoredChanges += 1;
        else if (outcome !== 'planned') reject(DeadLetterKind.CHANGE, null, { wabaId, change: rawChange }, 'malformed_change', { field, issues: outcome });
        continue;
      }
      const value = LenientMessagesValueSchema.safeParse(head.data.value);
      if (!value.success) {
        reject(DeadLetterKind.CHANGE, null, { wabaId, change: rawChange }, 'malformed_change', { field, issues: issuesOf(value.error) });
        continue;
      }
      const phoneNumberId = value.data.metadata.phone_number_id;
      if (phoneNumberId !== endpoint.phoneNumberId) {
        plan.counts.rejectedChanges += 1;
        audit('webhook.change_rejected', AuditOutcome.REJECTED, { reason: 'phone_number_mismatch', field, phoneNumberId });
        continue;
      }
      await planMessagesValue(index, wabaId, value.data, endpoint, context, plan, items, deadLetter, audit);
      if (value.data.errors?.length) {
        plan.counts.systemErrors += value.data.errors.length;
        audit('webhook.system_error', AuditOutcome.FAILURE, { codes: value.data.errors.map((e) => String(e.code)) });
      }
    }
  }
  if (plan.counts.rejectedChanges > 0) plan.outcome = DeliveryOutcome.PROCESSED_WITH_REJECTIONS;
  return plan;
}

async function planMessagesValue(
  index: number,
  wabaId: string,
  value: LenientMessagesValue,
  endpoint: EndpointFacts,
  context: PlanContext,
  plan: DeliveryPlan,
  items: PlannedItem[],
  deadLetter: (kind: DeadLetterKind, wamid: string | null, payload: unknown) => DeadLetterDraft,
  audit: (action: string, outcome: AuditOutcome, details: Record<string, AuditDetail>) => void,
): Promise<void> {
  const { metadata } = value;
  const contacts = (value.contacts ?? []).map(parseWebhookContact).filter((c): c is WebhookContact => c !== null);
  const slice = (part: Record<string, unknown>) => ({ wabaId, value: { messaging_product: 'whatsapp', metadata, ...part } });

  for (const raw of value.messages ?? []) {
    const wamid = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
    if (isMessageChange(raw)) {
      const change = parseMessageChange(raw);
      const letter = deadLetter(DeadLetterKind.MESSAGE, wamid, slice({ contacts: value.contacts, messages: [raw] }));
      if (!change.ok) {
        plan.counts.rejectedChanges += 1;
        plan.deadLetters.push({ ...letter, reason: 'malformed_message', errorCode: null });
        audit('webhook.message_rejected', AuditOutcome.REJECTED, { reason: 'malformed_message', issues: change.issues });
        continue;
      }
      const c = change.change;
      items.push({
        kind: 'change',
        delivery: index,
        deadLetter: letter,
        row: {
          credentialId: endpoint.credentialId,
          wamid: c.id,
          originalWamid: c.type === 'edit' ? c.edit.original_message_id : c.revoke.original_message_id,
          kind: c.type,
          message: c.type === 'edit' ? (c.edit.message as Record<string, unknown>) : null,
          timestamp: fromUnixSeconds(c.timestamp),
        },
      });
      continue;
    }
    const parsed = parseInboundMessage(raw);
    if (!parsed.ok) {
      plan.counts.rejectedChanges += 1;
      plan.deadLetters.push({ ...deadLetter(DeadLetterKind.MESSAGE, wamid, slice({ contacts: value.contacts, messages: [raw] })), reason: 'malformed_message', errorCode: null });
      audit('webhook.message_rejected', AuditOutcome.REJECTED, { reason: 'malformed_message', issues: parsed.issues.slice(0, 10) });
      continue;
    }
    const message = parsed.message;
    const customer = message.from ?? message.from_user_id;
    if (!customer) {
      plan.counts.rejectedChanges += 1;
      plan.deadLetters.push({ ...deadLetter(DeadLetterKind.MESSAGE, message.id, slice({ contacts: value.contacts, messages: [raw] })), reason: 'no_sender', errorCode: null });
      audit('webhook.message_rejected', AuditOutcome.REJECTED, { reason: 'no_sender', wamid: message.id });
      continue;
    }
    let content = message as Record<string, unknown>;
    if (!parsed.complete) {
      // Meta's own explanation travels with the message, for the agent and the history.
      plan.counts.incompleteMessages += 1;
      const errors = message.errors ?? value.errors;
      if (errors && !message.errors) content = { ...content, errors };
    }
    const contact =
      contacts.find((c) => (message.from && c.wa_id === message.from) || (message.from_user_id && c.user_id === message.from_user_id)) ??
      (contacts.length === 1 ? contacts[0] : undefined);
    const timestamp = fromUnixSeconds(message.timestamp);
    let userId = endpoint.userId;
    let agentId: string | null = null;
    let agentLine = '';
    let willAct = false;
    let agent: AgentFacts | null = null;
    if (endpoint.platform) {
      const route = await context.routePlatform(metadata.phone_number_id, customer, message);
      if (route) {
        ({ userId, agentId } = route);
        agentLine = route.agentId;
        // The platform's agents decide for themselves in their job (rare path: one job per routed message).
        willAct = true;
      } else {
        audit('platform.inbound_unrouted', AuditOutcome.REJECTED, { reason: 'no_agent_code_or_thread', wamid: message.id });
      }
    } else {
      agent = context.agentOn(endpoint.credentialId, metadata.phone_number_id);
      agentId = agent?.agentId ?? null;
      willAct = agent !== null && context.willAct(agent, timestamp);
    }
    // The number's agent may have keywords of its own; the platform's shared number keeps the defaults.
    const change = consentChangeOf(message as { type: string; text?: { body?: unknown } }, agent);
    items.push({
      kind: 'message',
      delivery: index,
      // A customer who just opted out gets no automatic answer to it.
      agentWillAct: willAct && change !== 'opt_out',
      // The list belongs to the number, so to its owner (on the platform's number too, whoever was routed).
      consent: change ? { userId: endpoint.userId, credentialId: endpoint.credentialId, customerWaId: customer, change, timestamp } : null,
      deadLetter: deadLetter(DeadLetterKind.MESSAGE, message.id, slice({ contacts: value.contacts, messages: [raw] })),
      row: {
        id: randomUUID(),
        userId,
        credentialId: endpoint.credentialId,
        agentId,
        agentLine,
        phoneNumberId: metadata.phone_number_id,
        businessNumber: metadata.display_phone_number,
        wamid: message.id,
        customerWaId: customer,
        customerName: contact?.profile?.name ?? null,
        messageType: message.type,
        content,
        replyToWamid: message.context?.id ?? null,
        timestamp,
      },
    });
  }

  for (const raw of value.statuses ?? []) {
    const parsed = StatusSchema.safeParse(raw);
    const wamid = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
    if (!parsed.success) {
      plan.counts.rejectedChanges += 1;
      plan.deadLetters.push({ ...deadLetter(DeadLetterKind.STATUS, wamid, slice({ statuses: [raw] })), reason: 'malformed_status', errorCode: null });
      audit('webhook.message_rejected', AuditOutcome.REJECTED, { reason: 'malformed_status', issues: issuesOf(parsed.error) });
      continue;
    }
    const status = parsed.data;
    const error = status.errors?.[0];
    items.push({
      kind: 'status',
      delivery: index,
      agentId: null,
      deadLetter: deadLetter(DeadLetterKind.STATUS, status.id, slice({ statuses: [raw] })),
      row: {
        credentialId: endpoint.credentialId,
        wamid: status.id,
        status: status.status,
        timestamp: fromUnixSeconds(status.timestamp),
        errorCode: error?.code ?? null,
        errorTitle: error?.title ?? error?.message ?? null,
        payload: status as Record<string, unknown>,
      },
    });
  }
}

/**
 * `calls` of this endpoint's number: each call event is recorded for the number's owner. Business-
 * initiated call statuses (`statuses[]` of type call) are not used: the plugin places no calls.
 */
function planCalls(
  index: number,
  wabaId: string,
  value: unknown,
  endpoint: EndpointFacts,
  items: PlannedItem[],
  deadLetter: (kind: DeadLetterKind, wamid: string | null, payload: unknown) => DeadLetterDraft,
): 'planned' | 'ignored' | string[] {
  if (endpoint.platform) return 'ignored';
  const parsed = CallsValueSchema.safeParse(value);
  if (!parsed.success) return issuesOf(parsed.error);
  if (parsed.data.metadata.phone_number_id !== endpoint.phoneNumberId) return 'ignored';
  let planned = false;
  for (const call of parsed.data.calls) {
    const direction = call.direction ?? 'USER_INITIATED';
    const customer = direction === 'BUSINESS_INITIATED' ? call.to : call.from;
    if (!customer) continue;
    planned = true;
    const seconds = (value: number | undefined) => (value === undefined ? null : new Date(value * 1000));
    items.push({
      kind: 'call',
      delivery: index,
      deadLetter: deadLetter(DeadLetterKind.CHANGE, null, { wabaId, change: { field: 'calls', value: { ...parsed.data, calls: [call] } } }),
      row: {
        userId: endpoint.userId,
        credentialId: endpoint.credentialId,
        callId: call.id,
        customerWaId: customer,
        direction,
        event: call.event,
        status: call.status ?? null,
        at: new Date(call.timestamp * 1000),
        startedAt: seconds(call.start_time),
        endedAt: seconds(call.end_time) ?? (call.event === 'terminate' ? new Date(call.timestamp * 1000) : null),
        durationSeconds: call.duration ?? null,
      },
    });
  }
  return planned ? 'planned' : 'ignored';
}

/**
 * `smb_message_echoes` of this endpoint's number: each echo is an outbound message a person sent, and
 * pauses the number's agent in that conversation for its `ownerReplyPauseMinutes`. Edits and revokes of
 * the owner's own messages are not applied (counted as ignored when nothing else is in the change).
 */
function planOwnerEchoes(
  index: number,
  wabaId: string,
  value: unknown,
  endpoint: EndpointFacts,
  context: PlanContext,
  items: PlannedItem[],
  deadLetter: (kind: DeadLetterKind, wamid: string | null, payload: unknown) => DeadLetterDraft,
): 'planned' | 'ignored' | string[] {
  // The platform's shared number is never a WhatsApp Business app number.
  if (endpoint.platform) return 'ignored';
  const parsed = OwnerEchoesValueSchema.safeParse(value);
  if (!parsed.success) return issuesOf(parsed.error);
  const { metadata } = parsed.data;
  if (metadata.phone_number_id !== endpoint.phoneNumberId) return 'ignored';
  const agent = context.agentOn(endpoint.credentialId, metadata.phone_number_id);
  let planned = false;
  for (const echo of parsed.data.message_echoes) {
    if (echo.type === 'edit' || echo.type === 'revoke') continue;
    planned = true;
    const timestamp = new Date(echo.timestamp * 1000);
    const minutes = agent?.ownerReplyPauseMinutes ?? 0;
    const { from: _from, to: _to, to_user_id: _toUser, ...content } = echo;
    items.push({
      kind: 'echo',
      delivery: index,
      deadLetter: deadLetter(DeadLetterKind.MESSAGE, echo.id, { wabaId, change: { field: 'smb_message_echoes', value: { ...parsed.data, message_echoes: [echo] } } }),
      row: {
        id: randomUUID(),
        userId: endpoint.userId,
        credentialId: endpoint.credentialId,
        agentId: agent?.agentId ?? null,
        phoneNumberId: metadata.phone_number_id,
        businessNumber: metadata.display_phone_number,
        wamid: echo.id,
        customerWaId: (echo.to ?? echo.to_user_id)!,
        messageType: echo.type,
        content: { ...content, timestamp: String(echo.timestamp) },
        timestamp,
        pauseUntil: minutes > 0 ? new Date(timestamp.getTime() + minutes * 60_000) : null,
      },
    });
  }
  return planned ? 'planned' : 'ignored';
}

/**
 * `user_preferences` of this endpoint's number: one item per customer's stop or resume, applied with
 * the batch's messages (the list belongs to the number's owner, on the platform's number too).
 */
function planPreferences(
  index: number,
  wabaId: string,
  value: unknown,
  endpoint: EndpointFacts,
  items: PlannedItem[],
  deadLetter: (kind: DeadLetterKind, wamid: string | null, payload: unknown) => DeadLetterDraft,
): 'planned' | 'ignored' | string[] {
  const parsed = UserPreferencesValueSchema.safeParse(value);
  if (!parsed.success) return issuesOf(parsed.error);
  if (parsed.data.metadata.phone_number_id !== endpoint.phoneNumberId) return 'ignored';
  let planned = false;
  for (const preference of parsed.data.user_preferences) {
    const stop = preference.value === 'stop';
    if (preference.category !== 'marketing_messages' || (!stop && preference.value !== 'resume')) continue;
    planned = true;
    items.push({
      kind: 'preference',
      delivery: index,
      row: { userId: endpoint.userId, credentialId: endpoint.credentialId, customerWaId: preference.wa_id, stop, timestamp: new Date(preference.timestamp * 1000) },
      deadLetter: deadLetter(DeadLetterKind.CHANGE, null, { wabaId, change: { field: 'user_preferences', value: { ...parsed.data, user_preferences: [preference] } } }),
    });
  }
  return planned ? 'planned' : 'ignored';
}

const TEMPLATE_FIELDS = new Set(['message_template_status_update', 'message_template_quality_update', 'template_category_update', 'message_template_components_update']);

/**
 * A template or quality webhook, taken apart into rows for the batch; 'ignored' for fields not used here
 * (and quality updates naming another number of the account), or the issues of a malformed value.
 */
function planAccountChange(field: string, wabaId: string, value: unknown, endpoint: EndpointFacts, plan: DeliveryPlan): 'planned' | 'ignored' | string[] {
  // The platform's shared number has no owner to tell; its operator reads Meta's own tools.
  if (endpoint.platform) return 'ignored';
  if (field === 'phone_number_quality_update') {
    const parsed = PhoneNumberQualityUpdateSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    if (parsed.data.display_phone_number.replace(/\D/g, '') !== endpoint.phoneNumber.replace(/\D/g, '')) return 'ignored';
    (plan.qualityUpdates ??= []).push({
      userId: endpoint.userId,
      credentialId: endpoint.credentialId,
      event: parsed.data.event,
      currentLimit: parsed.data.current_limit ?? null,
      oldLimit: parsed.data.old_limit ?? null,
    });
    return 'planned';
  }
  if (field === 'account_update') {
    const parsed = AccountUpdateSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    (plan.accountUpdates ??= []).push({
      userId: endpoint.userId,
      businessAccountId: wabaId,
      event: parsed.data.event,
      effect: accountEffectOf(parsed.data),
      details: accountDetailsOf(parsed.data),
    });
    return 'planned';
  }
  if (!TEMPLATE_FIELDS.has(field)) return 'ignored';
  const base = { userId: endpoint.userId, businessAccountId: wabaId, status: null, category: null, qualityScore: null, reason: null };
  let row: TemplateUpdateRow;
  if (field === 'message_template_status_update') {
    const parsed = TemplateStatusUpdateSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    const v = parsed.data;
    const reason = v.reason && v.reason !== 'NONE' ? v.reason : (v.other_info?.title ?? null);
    row = { ...base, metaTemplateId: v.message_template_id ?? null, name: v.message_template_name, language: v.message_template_language, status: v.event.toUpperCase(), category: v.message_template_category ?? null, reason };
  } else if (field === 'message_template_quality_update') {
    const parsed = TemplateQualityUpdateSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    const v = parsed.data;
    row = { ...base, metaTemplateId: v.message_template_id ?? null, name: v.message_template_name, language: v.message_template_language, qualityScore: v.new_quality_score };
  } else if (field === 'message_template_components_update') {
    const parsed = TemplateComponentsUpdateSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    row = { ...base, ...templateComponentsRow(parsed.data) };
  } else {
    const parsed = TemplateCategoryUpdateSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    const v = parsed.data;
    // The impending form announces a category that applies in 24 hours; only the completed form changes it.
    if (v.correct_category && !v.previous_category) return 'ignored';
    row = { ...base, metaTemplateId: v.message_template_id ?? null, name: v.message_template_name, language: v.message_template_language, category: v.new_category };
  }
  (plan.templateUpdates ??= []).push(row);
  return 'planned';
}

function issuesOf(error: z.ZodError): string[] {
  // Paths only, never values: a value may be a customer's message.
  return error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

function fromUnixSeconds(value: string): Date {
  return new Date(Number(value) * 1000);
}
