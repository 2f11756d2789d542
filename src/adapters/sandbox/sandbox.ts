import type { Logger } from '../../platform/observability/logger';
import type { FailureSpec } from './graph-errors';
import { RequestLog, type SandboxRequestRecord } from './request-log';
import { SandboxFaults, type FailureMatch, type HeldRequest } from './sandbox-faults';
import type { SandboxEngine } from './sandbox-http-server';
import { newGraphId } from './sandbox-ids';
import { SandboxState, type CreateAccountOptions, type SandboxAccount, type SandboxSnapshot, type SandboxTemplate } from './sandbox-state';
import { businessAccountRoute } from './routes/business-account-route';
import { debugTokenRoute } from './routes/debug-token-route';
import { mediaRoute, storeMedia } from './routes/media-route';
import { messageTemplatesRoute } from './routes/message-templates-route';
import { messagesRoute } from './routes/messages-route';
import { phoneNumberRoute } from './routes/phone-number-route';
import type { SentMessageRecord } from './routes/route-context';
import { subscribedAppsRoute } from './routes/subscribed-apps-route';
import {
  WebhookDelivery,
  type DeliveryResult,
  type InboundMessageInput,
  type RawDeliveryOptions,
  type StatusInput,
} from './webhook-delivery';
import { WebhookSender } from './webhook-sender';

export interface SandboxOptions {
  /** Shapes version-dependent payloads (statuses lose `conversation` from v24.0, §3.4). Default v24.0. */
  apiVersion?: string;
  logger?: Logger;
  /** Timeout of the simulator's own calls to webhook receivers. Default 10 s. */
  webhookTimeoutMs?: number;
  /** Requests kept by `requests()`. Default 10,000. */
  requestLogCapacity?: number;
  /** Real time source; the simulator clock is this plus `advanceClock` offsets. Default `Date.now`. */
  now?: () => number;
}

const SENT_CAPACITY = 100_000;

/**
 * A WhatsApp Cloud API simulator: tenants, tokens, webhook routing and fault injection, all in memory.
 * Served over HTTP by `startSandbox`; tests and the plugin's local sandbox mode drive it through this class.
 */
export class Sandbox {
  private readonly state: SandboxState;
  private readonly faults = new SandboxFaults();
  private readonly log: RequestLog;
  private readonly sender: WebhookSender;
  private readonly delivery: WebhookDelivery;
  private readonly sent = new Map<string, SentMessageRecord>();
  private clockOffsetMs = 0;
  private baseUrl = '';
  /** @internal What the HTTP server needs; not part of the public API. */
  readonly engine: SandboxEngine;

  constructor(options: SandboxOptions = {}) {
    const realNow = options.now ?? Date.now;
    const now = () => realNow() + this.clockOffsetMs;
    this.state = new SandboxState(now);
    this.log = new RequestLog(options.requestLogCapacity ?? 10_000);
    this.sender = new WebhookSender(options.webhookTimeoutMs ?? 10_000);
    this.delivery = new WebhookDelivery(this.state, this.sender, now, options.apiVersion ?? 'v24.0', this.sent);
    this.engine = {
      state: this.state,
      faults: this.faults,
      log: this.log,
      logger: options.logger,
      routes: [debugTokenRoute, mediaRoute, messagesRoute, messageTemplatesRoute, subscribedAppsRoute, businessAccountRoute, phoneNumberRoute],
      context: {
        state: this.state,
        now,
        baseUrl: () => this.baseUrl,
        verifyCallback: (uri, verifyToken) => this.sender.handshake(uri, verifyToken),
        onMessageAccepted: (record) => this.remember(record),
      },
    };
  }

  /** @internal Set by `startSandbox` once the server listens. */
  setBaseUrl(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  // ---- tenants ------------------------------------------------------------------------------------------

  /** A new app (or `appId` to reuse one), WABA, phone number, and one token per credential failure mode. */
  createAccount(options: CreateAccountOptions = {}): SandboxAccount {
    return this.state.createAccount(options);
  }

  /** The account offered to a developer at start: created once, then the same across restarts (see `stateFile`). */
  primaryAccount(): SandboxAccount {
    this.state.primary ??= this.state.createAccount({});
    return this.state.primary;
  }

  /** @internal The whole world as JSON, for `startSandbox`'s state file. */
  snapshot(): SandboxSnapshot {
    return this.state.snapshot();
  }

  /** @internal */
  restore(snapshot: SandboxSnapshot): void {
    this.state.restore(snapshot);
  }

  /** Another number on an existing WABA (for paging and multi-number tests). */
  addPhoneNumber(wabaId: string, options: { verifiedName?: string; displayPhoneNumber?: string } = {}): { phoneNumberId: string; displayPhoneNumber: string } {
    const phone = this.state.addPhoneNumber(wabaId, options);
    return { phoneNumberId: phone.id, displayPhoneNumber: phone.displayPhoneNumber };
  }

  /** The App Dashboard callback URL (docs/whatsapp-cloud-api.md §2.1), the last routing layer; null clears. */
  setAppCallbackUrl(appId: string, url: string | null): void {
    const app = this.state.apps.get(appId);
    if (!app) throw new Error(`No sandbox app ${appId}`);
    app.callbackUrl = url ?? undefined;
  }

  /** Mirrors the "Require app secret" app setting. */
  setRequireAppSecretProof(appId: string, required: boolean): void {
    const app = this.state.apps.get(appId);
    if (!app) throw new Error(`No sandbox app ${appId}`);
    app.requireAppSecretProof = required;
  }

  /** Opens the 24 h window for `waId` as if the user had written, without delivering a webhook. */
  openWindow(phoneNumberId: string, waId: string): void {
    this.state.phoneOrThrow(phoneNumberId).lastInboundAt.set(waId, this.now());
  }

  /**
   * A file as if a customer had sent it (or the business uploaded it): `GET /<id>` then serves its URL
   * and the URL its bytes. Put the returned id in `deliverInboundMessage`'s media object.
   */
  addMedia(phoneNumberId: string, bytes: Buffer, mimeType: string, fileName?: string): { id: string; sha256: string } {
    const media = storeMedia(this.state, phoneNumberId, bytes, mimeType, fileName);
    return { id: media.id, sha256: media.sha256 };
  }

  /** Meta's retention ending: the id no longer resolves (Graph error 100), as for a file older than 30 days. */
  forgetMedia(mediaId: string): void {
    this.state.media.delete(mediaId);
  }

  /** An uploaded (or added) file's bytes and type, or undefined once deleted. */
  mediaFile(mediaId: string): { bytes: Buffer; mimeType: string; fileName?: string } | undefined {
    const media = this.state.media.get(mediaId);
    return media && { bytes: media.bytes, mimeType: media.mimeType, fileName: media.fileName };
  }

  // ---- webhooks -----------------------------------------------------------------------------------------

  /** Delivers a user's message to the routed callback, signed with the app secret; opens the window. */
  deliverInboundMessage(input: InboundMessageInput): Promise<DeliveryResult & { wamid: string }> {
    return this.delivery.deliverInboundMessage(input);
  }

  /** Delivers a status webhook for a message (normally one the simulator accepted). */
  deliverStatus(input: StatusInput): Promise<DeliveryResult> {
    return this.delivery.deliverStatus(input);
  }

  /** Delivers arbitrary bytes, signed correctly unless `signatureOverride` says otherwise. */
  deliverRaw(body: string | Buffer | object, options?: RawDeliveryOptions): Promise<DeliveryResult> {
    return this.delivery.deliverRaw(body, options);
  }

  /** Where a webhook for this number would go right now, or why it would not go anywhere. */
  routedCallbackUrl(phoneNumberId: string): string {
    return this.delivery.resolve(phoneNumberId).url;
  }

  // ---- templates and quality -------------------------------------------------------------------------

  /** Adds a message template to a WABA (APPROVED, UTILITY, positional unless told otherwise); returns it. */
  addTemplate(
    wabaId: string,
    template: Pick<SandboxTemplate, 'name' | 'components'> & Partial<Pick<SandboxTemplate, 'language' | 'status' | 'category' | 'parameter_format'>>,
  ): SandboxTemplate {
    const waba = this.state.wabas.get(wabaId);
    if (!waba) throw new Error(`No sandbox WABA ${wabaId}`);
    const added: SandboxTemplate = {
      id: newGraphId(),
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      parameter_format: 'POSITIONAL',
      quality_score: { score: 'UNKNOWN', date: Math.floor(this.now() / 1000) },
      ...template,
    };
    (waba.templates ??= []).push(added);
    return added;
  }

  /**
   * Meta changes a template's status (review, pause, disable) and sends `message_template_status_update`
   * to the app's callback URL, with the language hyphenated as Meta's examples write it.
   */
  async setTemplateStatus(wabaId: string, name: string, language: string, status: string, reason: string | null = 'NONE'): Promise<DeliveryResult> {
    const template = this.templateOrThrow(wabaId, name, language);
    template.status = status;
    return this.delivery.deliverAccountChange(wabaId, 'message_template_status_update', {
      event: status,
      message_template_id: Number(template.id),
      message_template_name: template.name,
      message_template_language: template.language.replace('_', '-'),
      message_template_category: template.category,
      reason,
    });
  }

  /**
   * The number's quality or messaging limit changes: the phone number's fields change at once, and
   * `phone_number_quality_update` goes to the app's callback URL (it names the number by its digits only).
   */
  async setPhoneQuality(
    phoneNumberId: string,
    change: { event: string; qualityRating?: string; messagingLimit?: string; status?: string },
  ): Promise<DeliveryResult> {
    const phone = this.state.phoneOrThrow(phoneNumberId);
    const oldLimit = phone.messagingLimit ?? 'TIER_2K';
    if (change.qualityRating) phone.qualityRating = change.qualityRating;
    if (change.messagingLimit) phone.messagingLimit = change.messagingLimit;
    // Meta shows a flagged number's status as FLAGGED until its quality recovers.
    const flagStatus = change.event === 'FLAGGED' ? 'FLAGGED' : change.event === 'UNFLAGGED' ? 'CONNECTED' : undefined;
    const status = change.status ?? (phone.restricted ? undefined : flagStatus);
    if (status) phone.status = status;
    return this.delivery.deliverAccountChange(phone.wabaId, 'phone_number_quality_update', {
      display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ''),
      event: change.event,
      current_limit: phone.messagingLimit ?? 'TIER_2K',
      ...(change.messagingLimit && change.messagingLimit !== oldLimit ? { old_limit: oldLimit } : {}),
    });
  }

  private templateOrThrow(wabaId: string, name: string, language: string): SandboxTemplate {
    const template = this.state.wabas.get(wabaId)?.templates?.find((t) => t.name === name && t.language === language);
    if (!template) throw new Error(`No sandbox template ${name} (${language}) on WABA ${wabaId}`);
    return template;
  }

  // ---- faults -------------------------------------------------------------------------------------------

  /** While down, every connection is cut: callers see a network error, not an HTTP answer. */
  setDown(down: boolean): void {
    this.faults.setDown(down);
  }

  /** Delays every API response by `ms`. */
  setLatency(ms: number): void {
    this.faults.latencyMs = ms;
  }

  /** Holds the next matching API request until `release()`: a test acts while the caller waits on Meta. */
  holdNext(match: FailureMatch): HeldRequest {
    return this.faults.holdNext(match);
  }

  /** The next `count` matching API requests fail with `failure` instead of being served. */
  failNext(count: number, failure: FailureSpec, match?: FailureMatch): void {
    this.faults.failNext(count, failure, match);
  }

  /** Invalidates a token, as a password change (460, default) or app de-authorisation (458) does. */
  revokeToken(token: string, subcode = 460): void {
    const record = this.state.tokens.get(token);
    if (!record) throw new Error('No such sandbox token');
    record.revokedSubcode = subcode;
  }

  /** A policy restriction: status FLAGGED, health BLOCKED, and sends answer 131031. */
  restrictPhone(phoneNumberId: string, restricted = true): void {
    const phone = this.state.phoneOrThrow(phoneNumberId);
    phone.restricted = restricted;
    phone.status = restricted ? 'FLAGGED' : 'CONNECTED';
  }

  /** Messages per second before 130429; null removes the limit (the default, so benchmarks can run). */
  setThroughputLimit(phoneNumberId: string, perSecond: number | null): void {
    this.state.phoneOrThrow(phoneNumberId).throughputPerSecond = perSecond ?? undefined;
  }

  // ---- clock and observation ----------------------------------------------------------------------------

  now(): number {
    return this.engine.context.now();
  }

  /** Moves the simulator clock forward: windows close and expiring tokens expire without waiting. */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  requests(): SandboxRequestRecord[] {
    return this.log.list();
  }

  clearRequests(): void {
    this.log.clear();
  }

  messagesAccepted(phoneNumberId: string): number {
    return this.state.phoneOrThrow(phoneNumberId).accepted;
  }

  /** Accepted sends, oldest first (the most recent 100,000 across all numbers). */
  sentMessages(phoneNumberId?: string): SentMessageRecord[] {
    const all = [...this.sent.values()];
    return phoneNumberId ? all.filter((m) => m.phoneNumberId === phoneNumberId) : all;
  }

  /** Drops pending latency timers and closes the webhook connections. */
  async close(): Promise<void> {
    this.faults.clear();
    await this.sender.close();
  }

  private remember(record: SentMessageRecord): void {
    this.sent.set(record.wamid, record);
    if (this.sent.size > SENT_CAPACITY) this.sent.delete(this.sent.keys().next().value!);
  }
}
