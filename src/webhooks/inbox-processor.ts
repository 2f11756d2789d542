import { EventEmitter } from 'node:events';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { FailureAlerts, FailureObservation } from '../alerts';
import { insertAuditRecords, AuditOutcome } from '../audit';
import { announceHealthChange, applyAccountUpdates, applyQualityUpdates, readCredentialSecrets, requestCredentialHealthCheck, WhatsAppCredential, type CredentialEvents, type HealthChange } from '../credentials';
import { mayPassOnRetry } from '../platform/db/pg-errors';
import type { EventBus } from '../platform/events';
import { QueueName, type JobQueue } from '../platform/jobs';
import { KeyServiceUnavailableError, type KeyService } from '../adapters/keys';
import { applyConsentChanges, applyMarketingPreferences } from '../opt-outs';
import {
  applyMessageChanges,
  inboundMediaOf,
  readableText,
  statusKey,
  storeInboundMessages,
  storeOwnerEchoes,
  storeMessageStatuses,
  MessageStatus,
  MessageTopic,
  type MessageEvent,
  type MessageChangeOutcome,
  type MessageEvents,
  type MessageSnapshot,
  type StoredInboundMessage,
} from '../messaging';
import { applyTemplateUpdates, publishTemplateStatusChanges, type TemplateEvents, type TemplateStatusChange } from '../templates';
import type { Logger } from '../platform/observability/logger';
import { verifyWebhookSignature } from '../adapters/whatsapp';
import { recordCalls } from './call-store';
import { DeliveryOutcome } from './delivery-outcome';
import { batchFailures } from './batch-failures';
import { WebhookTopic, type WebhookEvents } from './webhook-events';
import type { AgentFacts, InboundAgents } from './inbound-agents';
import { claimDeliveries, type Claim, type ClaimedDelivery } from './inbox-claim';
import {
  emptyCounts,
  planDelivery,
  type DeadLetterDraft,
  type DeliveryCounts,
  type DeliveryPlan,
  type PlannedItem,
  type PlatformRoute,
} from './inbound-plan';

export interface InboxProcessorOptions {
  /** Set-based SQL for the hot path, on a pool of its own. */
  db: Kysely<unknown>;
  /** The plugin's schema in PostgreSQL. */
  schema: string;
  /** For the rare paths only: secrets of a delivery stored unverified, platform routing. */
  orm: MikroORM;
  keys: KeyService;
  jobs: JobQueue;
  eventBus: EventBus<MessageEvents & TemplateEvents & CredentialEvents & WebhookEvents>;
  /** What the agents domain decides about inbound messages (wired by src/app). */
  agents: InboundAgents;
  logger: Logger;
  /** The idle poll: the backstop for deliveries stored by an instance that died before processing them. */
  pollIntervalMs: number;
  /** Deliveries claimed per batch. */
  batchSize?: number;
  /** Batches worked at once by this instance (each in its own transaction). */
  concurrency?: number;
  /** Told about every batch, for metrics. */
  onBatch?: (report: BatchReport) => void;
  /** Quality warnings are e-mailed to owners who gave an address (SMTP configured). */
  emailAlerts?: boolean;
  /** Told after each commit, in one call per batch, of the failures owners are alerted to. */
  failureAlerts?: Pick<FailureAlerts, 'record'>;
  /** Media messages get a job that copies their file to the operator's bucket (MEDIA_STORE_S3_BUCKET set). */
  copyMedia?: boolean;
}

/** Emitted after commit, once per delivery handled in a batch. */
export interface SettledDelivery {
  deliveryId: string;
  /** Null when the delivery will be retried. */
  outcome: DeliveryOutcome | null;
  counts?: DeliveryCounts;
  error?: string;
}

interface BatchReport {
  deliveries: number;
  messages: number;
  duplicateMessages: number;
  statuses: number;
  deadLettered: number;
  retried: number;
  seconds: number;
}

interface Applied {
  messages: Map<string, StoredInboundMessage>;
  /** Ids of the owner's echoes stored for the first time. */
  echoes: Set<string>;
  /** Calls recorded (new or changed), to announce after commit. */
  calls: Array<{ id: string; userId: string }>;
  changes: Map<PlannedItem, MessageChangeOutcome>;
  advanced: MessageSnapshot[];
  recordedStatuses: Set<string>;
  failed: Array<{ item: PlannedItem; reason: string; errorCode: string | null }>;
}

/** Template and quality webhooks applied by a batch, announced after its commit. */
interface AccountOutcome {
  templates: TemplateStatusChange[];
  health: HealthChange[];
  /** Credentials to check at Meta now. */
  recheck: string[];
}

/** A transaction of the processing pool, savepoints included. */
type Trx = ControlledTransaction<unknown, string[]>;

const MAX_BACKOFF_SECONDS = 15 * 60;
/** How stale an endpoint's `lastDeliveryAt` may be. */
const LAST_DELIVERY_PRECISION_MS = 1_000;
/** An event carries its message only while the whole NOTIFY stays small (see PostgresEventTarget). */
const MAX_SNAPSHOT_BYTES = 3_000;

/**
 * Works the durable inbox in batches: claims up to `batchSize` stored deliveries with FOR UPDATE SKIP
 * LOCKED (so any number of instances share it, none taking a delivery another holds), takes them apart
 * in memory, and applies the whole batch with a fixed number of set-based statements in one
 * transaction: conversations and messages, statuses, agent jobs, dead letters, audit entries, and the
 * deliveries marked processed. Live events are published after the commit.
 *
 * One bad item never sinks the others: a batch the database refuses is rolled back and claimed again,
 * and its apply is split in halves, each in a savepoint, until the item that fails is alone; it becomes a
 * dead letter and the rest are stored. Failures that waiting may fix (the database or the key service
 * away) roll the batch back and retry it with backoff.
 */
export class InboxProcessor extends EventEmitter<{ settled: [SettledDelivery] }> {
  private readonly batchSize: number;
  private stopped = true;
  private loops: Array<Promise<void>> = [];
  /** Loops waiting for work; a notification wakes one of them. */
  private readonly idleLoops = new Set<() => void>();
  private missedWake = false;
  private readonly table: (name: string) => ReturnType<typeof sql.table>;
  /** Endpoints whose last delivery time this instance recorded in the current window. */
  private touched = { since: 0, ids: new Set<string>() };

  constructor(private readonly options: InboxProcessorOptions) {
    super();
    this.batchSize = options.batchSize ?? 500;
    this.table = (name) => sql.table(`${options.schema}.${name}`);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loops = Array.from({ length: this.options.concurrency ?? 2 }, () => this.run());
  }

  /** A delivery was stored: look now rather than at the next poll. */
  notify(): void {
    const idle = this.idleLoops.values().next().value;
    if (idle) idle();
    // Every loop is busy; each looks again as soon as its batch is done.
    else this.missedWake = true;
  }

  /** Lets the current batches finish (they commit or roll back whole), then returns. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of [...this.idleLoops]) wake();
    await Promise.all(this.loops);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = await this.processBatch();
      } catch (error) {
        this.options.logger.error({ err: error }, 'webhook inbox batch failed; retrying after the poll interval');
      }
      if (claimed < this.batchSize && !this.stopped) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.missedWake) {
      this.missedWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idleLoops.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.idleLoops.add(done);
    });
  }

  /** Claims and handles one batch; returns how many deliveries it claimed. */
  processBatch(): Promise<number> {
    return this.runBatch(null);
  }

  /**
   * A batch is applied first without savepoints, which cost two round trips of every batch. When that
   * fails for a reason in the data, the transaction is lost: it is rolled back and the same deliveries
   * (`isolating`: their ids) are claimed again and applied in savepoints that isolate the bad item.
   */
  private async runBatch(isolating: string[] | null): Promise<number> {
    const startedAt = performance.now();
    const trx = await this.options.db.startTransaction().execute();
    let claimed: ClaimedDelivery[] = [];
    let outcome: {
      settled: SettledDelivery[];
      events: Array<[MessageTopic, string, MessageEvent]>;
      calls: Array<{ id: string; userId: string }>;
      account: AccountOutcome;
      endpoints: Set<string>;
      report: BatchReport;
      failures: FailureObservation[];
    };
    try {
      const claim = await claimDeliveries(trx, this.options.schema, { limit: this.batchSize, only: isolating });
      claimed = claim.deliveries;
      if (claimed.length === 0) {
        await trx.commit().execute();
        return 0;
      }
      outcome = await this.handle(trx, claim, isolating !== null);
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      if (claimed.length === 0) throw error;
      if (error instanceof ItemRefusedWithoutSavepoint) return this.runBatch(claimed.map((delivery) => delivery.id));
      await this.scheduleRetries(claimed, error);
      return claimed.length;
    }
    for (const [topic, agentId, event] of outcome.events) this.options.eventBus.publish(topic, agentId, event);
    for (const call of outcome.calls) this.options.eventBus.publish(WebhookTopic.Call, call.userId, { userId: call.userId, callRowId: call.id });
    await this.touchEndpoints(outcome.endpoints);
    await this.afterAccountChanges(outcome.account);
    await this.options.failureAlerts?.record(outcome.failures);
    outcome.report.seconds = (performance.now() - startedAt) / 1000;
    this.options.onBatch?.(outcome.report);
    for (const item of outcome.settled) this.emit('settled', item);
    return claimed.length;
  }

  private async handle(trx: Trx, { deliveries: claimed, endpoints, agents }: Claim, isolating: boolean) {
    const platformRoutes = new Map<string, PlatformRoute>();
    const context = {
      agentOn: (credentialId: string, phoneNumberId: string) => agents.get(`${credentialId} ${phoneNumberId}`) ?? null,
      willAct: (agent: AgentFacts, at: Date) => this.options.agents.willAct(agent, at),
      routePlatform: (phoneNumberId: string, customer: string, message: { type: string }) => this.routePlatform(platformRoutes, phoneNumberId, customer, message),
    };

    const plans: DeliveryPlan[] = [];
    const items: PlannedItem[] = [];
    const retries: Array<{ delivery: ClaimedDelivery; error: unknown }> = [];
    for (const [index, delivery] of claimed.entries()) {
      const endpoint = endpoints.get(delivery.endpoint_id);
      if (!endpoint) {
        plans.push({ deliveryId: delivery.id, endpointId: null, outcome: DeliveryOutcome.ENDPOINT_GONE, nowVerified: false, counts: emptyCounts(), audits: [], deadLetters: [] });
        continue;
      }
      let nowVerified = false;
      if (!delivery.signature_verified) {
        // Stored while the key service was down: authenticated now, before anything of it is applied.
        let verified: boolean;
        try {
          verified = verifyWebhookSignature(await this.appSecretOf(endpoint.credentialId), delivery.raw_body, delivery.signature_header);
        } catch (error) {
          retries.push({ delivery, error });
          plans.push({ deliveryId: delivery.id, endpointId: endpoint.id, outcome: DeliveryOutcome.FAILED, nowVerified: false, counts: emptyCounts(), audits: [], deadLetters: [] });
          continue;
        }
        if (!verified) {
          const plan: DeliveryPlan = { deliveryId: delivery.id, endpointId: null, outcome: DeliveryOutcome.SIGNATURE_REJECTED, nowVerified: false, counts: emptyCounts(), audits: [], deadLetters: [] };
          plan.audits.push({
            actor: 'system',
            action: 'webhook.signature_rejected',
            outcome: AuditOutcome.REJECTED,
            subjectUserId: endpoint.userId,
            targetType: 'WebhookEndpoint',
            targetId: endpoint.id,
            details: { deliveryId: delivery.id, reason: 'signature_mismatch' },
          });
          plans.push(plan);
          continue;
        }
        nowVerified = true;
      }
      const plan = await planDelivery(index, { id: delivery.id, rawBody: delivery.raw_body }, endpoint, context, items);
      plan.nowVerified = nowVerified;
      plans.push(plan);
    }

    const applied = isolating ? await this.applyIsolating(trx, items, 0) : await this.applyWhole(trx, items);
    const events = this.account(plans, items, applied);
    const account = await this.applyAccountChanges(trx, plans);
    const deadLetters = plans.flatMap((plan) => plan.deadLetters);
    await this.writeDeadLetters(trx, deadLetters);
    await insertAuditRecords(trx, this.options.schema, plans.flatMap((plan) => plan.audits));
    const retrying = new Set(retries.map((r) => r.delivery.id));
    await this.markProcessed(trx, plans.filter((plan) => !retrying.has(plan.deliveryId)));
    if (retries.length > 0) await this.scheduleRetriesIn(trx, retries);

    const settled: SettledDelivery[] = plans.map((plan) =>
      retrying.has(plan.deliveryId)
        ? { deliveryId: plan.deliveryId, outcome: null, error: describe(retries.find((r) => r.delivery.id === plan.deliveryId)!.error) }
        : { deliveryId: plan.deliveryId, outcome: plan.outcome, counts: plan.counts },
    );
    const report: BatchReport = {
      deliveries: claimed.length,
      messages: applied.messages.size,
      duplicateMessages: plans.reduce((n, plan) => n + plan.counts.duplicateMessages, 0),
      statuses: applied.recordedStatuses.size,
      deadLettered: deadLetters.length,
      retried: retries.length,
      seconds: 0,
    };
    const touched = new Set(plans.filter((plan) => plan.endpointId && plan.outcome !== DeliveryOutcome.SIGNATURE_REJECTED).map((plan) => plan.endpointId!));
    const failures = batchFailures({ items, applied, deadLetters, endpoints, agentOn: context.agentOn });
    return { settled, events, calls: applied.calls, account, endpoints: touched, report, failures };
  }

  /** The first try: every item in the batch's transaction itself, no savepoint. */
  private async applyWhole(trx: Trx, items: PlannedItem[]): Promise<Applied> {
    try {
      return await this.apply(trx, items);
    } catch (error) {
      if (mayPassOnRetry(error)) throw error;
      throw new ItemRefusedWithoutSavepoint(error);
    }
  }

  /**
   * The second try, once the first was refused: applies the items in a savepoint; when that fails for a
   * reason that lies in the data, splits them in halves and tries each, down to the single item, which
   * is then set aside. At most about 2·log2(n) extra statements per bad item.
   */
  private async applyIsolating(trx: Trx, items: PlannedItem[], depth: number): Promise<Applied> {
    const empty: Applied = { messages: new Map(), echoes: new Set(), calls: [], changes: new Map(), advanced: [], recordedStatuses: new Set(), failed: [] };
    if (items.length === 0) return empty;
    const name = `apply_${depth}`;
    const savepoint = await trx.savepoint(name).execute();
    try {
      const applied = await this.apply(savepoint, items);
      await savepoint.releaseSavepoint(name).execute();
      return applied;
    } catch (error) {
      if (mayPassOnRetry(error)) throw error;
      await savepoint.rollbackToSavepoint(name).execute();
      if (items.length === 1) {
        this.options.logger.warn({ err: error, kind: items[0]!.kind, deliveryId: items[0]!.deadLetter.deliveryId }, 'an inbound item could not be stored; dead-lettered');
        return { ...empty, failed: [{ item: items[0]!, reason: 'database_refused', errorCode: codeOf(error) }] };
      }
      const middle = Math.ceil(items.length / 2);
      const first = await this.applyIsolating(trx, items.slice(0, middle), depth + 1);
      const second = await this.applyIsolating(trx, items.slice(middle), depth + 1);
      return {
        messages: new Map([...first.messages, ...second.messages]),
        changes: new Map([...first.changes, ...second.changes]),
        echoes: new Set([...first.echoes, ...second.echoes]),
        calls: [...first.calls, ...second.calls],
        advanced: [...first.advanced, ...second.advanced],
        recordedStatuses: new Set([...first.recordedStatuses, ...second.recordedStatuses]),
        failed: [...first.failed, ...second.failed],
      };
    }
  }

  /** Three statements whatever the number of items: messages, statuses, agent jobs (and opt-outs, rarely). */
  private async apply(trx: Trx, items: PlannedItem[]): Promise<Applied> {
    const messages = items.filter((item): item is Extract<PlannedItem, { kind: 'message' }> => item.kind === 'message');
    const statuses = items.filter((item): item is Extract<PlannedItem, { kind: 'status' }> => item.kind === 'status');
    const stored = await storeInboundMessages(trx, this.options.schema, messages.map((item) => item.row));
    const { recorded, advanced } = await storeMessageStatuses(trx, this.options.schema, statuses.map((item) => item.row));
    // A fourth statement only in a batch with an opt-out keyword; a redelivered keyword changes nothing.
    const consent = messages.flatMap((item) => (item.consent && stored.has(item.row.id) ? [item.consent] : []));
    await applyConsentChanges(trx, this.options.schema, consent);
    const preferences = items.flatMap((item) => (item.kind === 'preference' ? [item.row] : []));
    await applyMarketingPreferences(trx, this.options.schema, preferences);
    const calls = await recordCalls(trx, this.options.schema, items.flatMap((item) => (item.kind === 'call' ? [item.row] : [])));
    const echoes = await storeOwnerEchoes(trx, this.options.schema, items.flatMap((item) => (item.kind === 'echo' ? [item.row] : [])));
    // In this transaction: an agent's work exists if and only if its message does.
    // Edits and revokes after the messages, so one whose original came in the same batch finds it.
    const changeItems = items.filter((item): item is Extract<PlannedItem, { kind: 'change' }> => item.kind === 'change');
    const changed = await applyMessageChanges(trx, this.options.schema, changeItems.map((item) => item.row));
    const changes = new Map(changeItems.map((item) => [item as PlannedItem, changed.get(item.row)!]));
    const work: Array<{ messageId: string; change?: { kind: 'edited' | 'revoked'; wamid: string } }> = messages
      .filter((item) => item.agentWillAct && stored.has(item.row.id))
      .map((item) => ({ messageId: item.row.id }));
    // The agent's runtime hears of a change to a message of its own (it decides whether that matters).
    for (const item of changeItems) {
      const outcome = changes.get(item)!;
      if (outcome.outcome === 'applied' && outcome.message.agentId) {
        work.push({ messageId: outcome.message.id, change: { kind: item.row.kind === 'edit' ? 'edited' : 'revoked', wamid: item.row.wamid } });
      }
    }
    await this.options.jobs.insertMany(QueueName.AgentInbound, work, trx);
    if (this.options.copyMedia) {
      const copies = messages.filter((item) => stored.has(item.row.id) && inboundMediaOf(item.row)).map((item) => ({ messageId: item.row.id }));
      await this.options.jobs.insertMany(QueueName.MediaCopy, copies, trx);
    }
    return { messages: stored, echoes, calls, changes, advanced, recordedStatuses: recorded, failed: [] };
  }

  /**
   * Template and quality webhooks (rare): a statement or two each, in a savepoint. They describe state
   * Meta also serves (the template sync and health check read it again), so a change the database
   * refuses is logged and left to those rather than holding the batch back.
   */
  private async applyAccountChanges(trx: Trx, plans: DeliveryPlan[]): Promise<AccountOutcome> {
    const templateUpdates = plans.flatMap((plan) => plan.templateUpdates ?? []);
    const qualityUpdates = plans.flatMap((plan) => plan.qualityUpdates ?? []);
    const accountUpdates = plans.flatMap((plan) => plan.accountUpdates ?? []);
    const none: AccountOutcome = { templates: [], health: [], recheck: [] };
    if (templateUpdates.length === 0 && qualityUpdates.length === 0 && accountUpdates.length === 0) return none;
    const savepoint = await trx.savepoint('account_changes').execute();
    try {
      const templates = await applyTemplateUpdates(savepoint, this.options.schema, templateUpdates, this.options.jobs);
      const alerts = { jobs: this.options.jobs, emailAlerts: this.options.emailAlerts ?? false };
      const health = await applyQualityUpdates(savepoint, this.options.schema, qualityUpdates, alerts);
      health.push(...(await applyAccountUpdates(savepoint, this.options.schema, accountUpdates, alerts)));
      await savepoint.releaseSavepoint('account_changes').execute();
      return { templates, health, recheck: [...new Set(qualityUpdates.map((update) => update.credentialId))] };
    } catch (error) {
      if (mayPassOnRetry(error)) throw error;
      await savepoint.rollbackToSavepoint('account_changes').execute();
      this.options.logger.warn({ err: error, templates: templateUpdates.length, quality: qualityUpdates.length }, 'template or quality webhooks could not be applied; the next sync or health check catches up');
      return none;
    }
  }

  /** After commit: the owners hear of the changes, and a quality change has the number checked at Meta. */
  private async afterAccountChanges(account: AccountOutcome): Promise<void> {
    publishTemplateStatusChanges(this.options.eventBus, account.templates);
    for (const change of account.health) await announceHealthChange(this.options, change);
    for (const credentialId of account.recheck) {
      // The webhook has no quality rating: the health check reads it (and warns on RED).
      await requestCredentialHealthCheck(this.options, credentialId).catch((error: unknown) =>
        this.options.logger.warn({ err: error, credentialId }, 'could not request a health check after a quality webhook'));
    }
  }

  /** Counts per delivery, dead letters from the apply step, and the events to publish, in message order. */
  private account(plans: DeliveryPlan[], items: PlannedItem[], applied: Applied) {
    const failed = new Map(applied.failed.map((f) => [f.item, f]));
    const inbound: Array<{ row: Extract<PlannedItem, { kind: 'message' }>['row']; stored: StoredInboundMessage }> = [];
    const changed: Array<{ item: Extract<PlannedItem, { kind: 'change' }>; message: MessageSnapshot }> = [];
    for (const item of items) {
      const plan = plans[item.delivery]!;
      const failure = failed.get(item);
      if (failure) {
        plan.deadLetters.push({ ...item.deadLetter, reason: failure.reason, errorCode: failure.errorCode });
        continue;
      }
      if (item.kind === 'preference' || item.kind === 'call') continue;
      if (item.kind === 'echo') {
        if (applied.echoes.has(item.row.id)) plan.counts.messages += 1;
        else plan.counts.duplicateMessages += 1;
        continue;
      }
      if (item.kind === 'change') {
        const outcome = applied.changes.get(item);
        if (outcome?.outcome === 'applied') {
          plan.counts.messageChanges += 1;
          if (outcome.message.agentId) changed.push({ item, message: outcome.message });
        } else if (outcome?.outcome === 'missing') {
          // Kept to apply again (the dead-letter replay) once its original is here: nothing accepted is lost.
          plan.deadLetters.push({ ...item.deadLetter, reason: 'original_message_not_found', errorCode: null });
        } else {
          plan.counts.duplicateMessages += 1;
        }
        continue;
      }
      if (item.kind === 'message') {
        const stored = applied.messages.get(item.row.id);
        if (stored) {
          plan.counts.messages += 1;
          if (item.row.agentId) inbound.push({ row: item.row, stored });
        } else {
          plan.counts.duplicateMessages += 1;
        }
      } else if (applied.recordedStatuses.has(statusKey(item.row))) {
        plan.counts.statuses += 1;
      } else {
        plan.counts.duplicateStatuses += 1;
      }
    }
    for (const plan of plans) {
      plan.counts.deadLettered = plan.deadLetters.length;
      if (plan.deadLetters.length > 0 && plan.outcome === DeliveryOutcome.PROCESSED) plan.outcome = DeliveryOutcome.PROCESSED_WITH_REJECTIONS;
    }
    // Subscribers see a conversation's messages in the order they were written.
    inbound.sort((a, b) => a.row.timestamp.getTime() - b.row.timestamp.getTime());
    const events: Array<[MessageTopic, string, MessageEvent]> = [];
    for (const { row, stored } of inbound) {
      const snapshot: MessageSnapshot = {
        id: row.id,
        userId: row.userId,
        credentialId: row.credentialId,
        agentId: row.agentId,
        conversationId: stored.conversationId,
        whatsappMessageId: row.wamid,
        fromPhone: row.customerWaId,
        toPhone: row.businessNumber,
        direction: 'inbound',
        messageType: row.messageType,
        content: row.content,
        replyToMessageId: row.replyToWamid,
        status: MessageStatus.RECEIVED,
        statusAt: row.timestamp.toISOString(),
        errorCode: null,
        errorTitle: null,
        timestamp: row.timestamp.toISOString(),
        createdAt: stored.createdAt.toISOString(),
      };
      events.push([MessageTopic.Inbound, row.agentId!, withSnapshot({ messageId: row.id, userId: row.userId, agentId: row.agentId, status: MessageStatus.RECEIVED }, snapshot)]);
    }
    for (const { item, message } of changed) {
      const change = item.row.kind === 'edit' ? 'edited' : 'revoked';
      events.push([MessageTopic.Inbound, message.agentId!, withSnapshot({ messageId: message.id, userId: message.userId, agentId: message.agentId, status: MessageStatus.RECEIVED, change }, message)]);
    }
    for (const message of applied.advanced) {
      if (!message.agentId) continue;
      events.push([MessageTopic.Status, message.agentId, withSnapshot({ messageId: message.id, userId: message.userId, agentId: message.agentId, status: message.status as MessageStatus }, message)]);
    }
    return events;
  }

  /**
   * The platform's shared number (rare): the ORM's routing rule, with the batch's own earlier decisions
   * first, since a customer's thread opened earlier in this batch is not committed yet.
   */
  private async routePlatform(cache: Map<string, PlatformRoute>, phoneNumberId: string, customer: string, message: { type: string }): Promise<PlatformRoute> {
    const key = `${phoneNumberId} ${customer}`;
    const route = await this.options.agents.routePlatformInbound(this.options.orm.em.fork(), phoneNumberId, customer, readableText(message.type, message as Record<string, unknown>));
    // A code always decides; otherwise a thread this batch opened beats an older committed one.
    const decided = route?.by === 'code' ? route : (cache.get(key) ?? route);
    const result = decided ? { userId: decided.userId, agentId: decided.agentId } : null;
    if (result) cache.set(key, result);
    return result;
  }

  private async appSecretOf(credentialId: string): Promise<string> {
    const em = this.options.orm.em.fork();
    const credential = await em.findOneOrFail(WhatsAppCredential, { id: credentialId });
    return (await readCredentialSecrets(em, this.options.keys, credential)).appSecret;
  }

  private async writeDeadLetters(trx: Trx, letters: Array<DeadLetterDraft & { reason: string; errorCode: string | null }>): Promise<void> {
    if (letters.length === 0) return;
    const rows = letters.map((letter) => ({
      user_id: letter.userId,
      credential_id: letter.credentialId,
      endpoint_id: letter.endpointId,
      delivery_id: letter.deliveryId,
      kind: letter.kind,
      wamid: letter.wamid,
      reason: letter.reason,
      error_code: letter.errorCode,
      payload: letter.payload,
    }));
    // The payload travels as JSON text inside JSON, so even what jsonb itself refuses (a NUL) arrives.
    await sql`
      insert into ${this.table('webhook_dead_letters')}
        (id, user_id, credential_id, endpoint_id, delivery_id, kind, wamid, reason, error_code, payload, attempts, created_at)
      select gen_random_uuid(), user_id, credential_id, endpoint_id, delivery_id, kind, wamid, reason, error_code, payload, 1, now()
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
          user_id uuid, credential_id uuid, endpoint_id uuid, delivery_id bigint, kind text, wamid text, reason text, error_code text, payload text)
      -- A message already waiting (Meta delivered it again) stays one item: webhook_dead_letters_waiting_message_unique.
      on conflict do nothing
    `.execute(trx);
  }

  private async markProcessed(trx: Trx, plans: DeliveryPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const rows = plans.map((plan) => ({ id: plan.deliveryId, outcome: plan.outcome, now_verified: plan.nowVerified }));
    await sql`
      update ${this.table('webhook_deliveries')} as d set
        processed_at = now(),
        outcome = x.outcome,
        attempts = d.attempts + 1,
        last_error = null,
        signature_verified = d.signature_verified or x.now_verified,
        signature_header = case when x.now_verified then null else d.signature_header end
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id bigint, outcome text, now_verified boolean)
       where d.id = x.id
    `.execute(trx);
  }

  /** A batch that could not be applied at all: each delivery waits its backoff, in a transaction of its own. */
  private async scheduleRetries(claimed: ClaimedDelivery[], error: unknown): Promise<void> {
    this.options.logger.warn({ err: error, deliveries: claimed.length }, 'webhook inbox batch failed; its deliveries will be retried');
    try {
      const trx = await this.options.db.startTransaction().execute();
      try {
        await this.scheduleRetriesIn(trx, claimed.map((delivery) => ({ delivery, error })));
        await trx.commit().execute();
      } catch (inner) {
        await trx.rollback().execute().catch(() => undefined);
        throw inner;
      }
    } catch (inner) {
      // The database is away: the rows stay claimable and are tried again at the next poll.
      this.options.logger.warn({ err: inner }, 'could not schedule the retries; the deliveries stay pending');
    }
    for (const delivery of claimed) this.emit('settled', { deliveryId: delivery.id, outcome: null, error: describe(error) });
  }

  private async scheduleRetriesIn(trx: Trx, retries: Array<{ delivery: ClaimedDelivery; error: unknown }>): Promise<void> {
    const rows = retries.map(({ delivery, error }) => {
      const keysDown = error instanceof KeyServiceUnavailableError;
      // Nothing accepted is ever given up: the wait grows to 15 minutes and stays there.
      const exponent = Math.min(delivery.attempts + 1, keysDown ? 6 : 10);
      const seconds = Math.min(2 ** exponent, MAX_BACKOFF_SECONDS) * (0.75 + Math.random() * 0.5);
      // Never the error's text: it may quote Meta's payload. The class and code are enough to diagnose.
      return { id: delivery.id, delay_ms: Math.round(seconds * 1000), last_error: describe(error) };
    });
    await sql`
      update ${this.table('webhook_deliveries')} as d set
        attempts = d.attempts + 1,
        next_attempt_at = now() + x.delay_ms * interval '1 millisecond',
        last_error = x.last_error
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id bigint, delay_ms bigint, last_error text)
       where d.id = x.id
    `.execute(trx);
  }

  /**
   * After the commit and the events, in one statement, at most once per endpoint per
   * LAST_DELIVERY_PRECISION_MS: the time is for people reading it, and one statement per batch was a
   * round trip of every batch. An endpoint another instance is updating right now is skipped (it is
   * setting the same time), so instances never wait on each other for this.
   */
  private async touchEndpoints(ids: Set<string>): Promise<void> {
    const now = Date.now();
    if (now - this.touched.since >= LAST_DELIVERY_PRECISION_MS) this.touched = { since: now, ids: new Set() };
    const due = [...ids].filter((id) => !this.touched.ids.has(id));
    if (due.length === 0) return;
    for (const id of due) this.touched.ids.add(id);
    await sql`
      update ${this.table('whatsapp_webhooks')} set last_delivery_at = now()
       where id in (select id from ${this.table('whatsapp_webhooks')} where id = any(${due}::uuid[]) order by id for update skip locked)
    `.execute(this.options.db).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'could not record the last delivery time');
    });
  }
}

/** The batch's transaction is lost to an item the database refused: the batch is run again, isolating. */
class ItemRefusedWithoutSavepoint extends Error {
  constructor(cause: unknown) {
    super('an inbound item was refused; the batch is applied again in savepoints', { cause });
    this.name = 'ItemRefusedWithoutSavepoint';
  }
}

function withSnapshot(event: MessageEvent, snapshot: MessageSnapshot): MessageEvent {
  return Buffer.byteLength(JSON.stringify(snapshot)) <= MAX_SNAPSHOT_BYTES ? { ...event, message: snapshot } : event;
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : null;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name} (${code})` : error.name;
  }
  return 'unknown error';
}
