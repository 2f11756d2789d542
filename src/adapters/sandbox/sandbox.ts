import type { Logger } from '../../platform/observability/logger';
import type { FailureSpec } from './graph-errors';
import { RequestLog, type SandboxRequestRecord } from './request-log';
import { SandboxFaults, type FailureMatch, type HeldRequest } from './sandbox-faults';
import type { SandboxEngine } from './sandbox-http-server';
import { newGraphId, newWamid } from './sandbox-ids';
import { appFieldsOf, SandboxState, type CreateAccountOptions, type SandboxAccount, type SandboxSnapshot, type SandboxTemplate } from './sandbox-state';
import { businessAccountRoute } from './routes/business-account-route';
import { debugTokenRoute } from './routes/debug-token-route';
import { mediaRoute, storeMedia } from './routes/media-route';
import { messageTemplatesRoute } from './routes/message-templates-route';
import { messagesRoute } from './routes/messages-route';
import { phoneNumberRoute } from './routes/phone-number-route';
import type { SentMessageRecord } from './routes/route-context';
import { subscribedAppsRoute } from './routes/subscribed-apps-route';
import { appSubscriptionsRoute } from './routes/app-subscriptions-route';
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
      routes: [debugTokenRoute, mediaRoute, messagesRoute, messageTemplatesRoute, subscribedAppsRoute, appSubscriptionsRoute, businessAccountRoute, phoneNumberRoute],
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

  /** The app's webhook fields, as its App Dashboard shows them (default `messages` only). */
  appFields(appId: string): string[] {
    const app = this.state.apps.get(appId);
    if (!app) throw new Error(`No sandbox app ${appId}`);
    return appFieldsOf(app);
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

  /**
   * The customer edits an earlier message (docs/whatsapp-cloud-api.md, "Edits and revokes"): a `messages`
   * webhook whose element has `type: "edit"` and the message as it reads now, signed like any other.
   */
  deliverMessageEdit(input: { phoneNumberId: string; from: string; originalWamid: string; message: Record<string, unknown> & { type: string }; id?: string }): Promise<DeliveryResult & { wamid: string }> {
    return this.delivery.deliverInboundMessage({ phoneNumberId: input.phoneNumberId, from: input.from, id: input.id, type: 'edit', edit: { original_message_id: input.originalWamid, message: input.message } });
  }

  /** The customer deletes an earlier message for everyone: `type: "revoke"` naming the original. */
  deliverMessageRevoke(input: { phoneNumberId: string; from: string; originalWamid: string; id?: string }): Promise<DeliveryResult & { wamid: string }> {
    return this.delivery.deliverInboundMessage({ phoneNumberId: input.phoneNumberId, from: input.from, id: input.id, type: 'revoke', revoke: { original_message_id: input.originalWamid } });
  }

  /**
   * The owner sends a message from the WhatsApp Business app on a number shared with the Cloud API:
   * `smb_message_echoes` with the message as sent (`from` the business, `to` the customer).
   */
  async deliverOwnerEcho(input: { phoneNumberId: string; to: string; type: string; id?: string; [content: string]: unknown }): Promise<DeliveryResult & { wamid: string }> {
    const phone = this.state.phoneOrThrow(input.phoneNumberId);
    const { phoneNumberId, id, ...message } = input;
    const wamid = id ?? newWamid(input.to);
    const echo = { from: phone.displayPhoneNumber.replace(/\D/g, ''), ...message, id: wamid, timestamp: String(Math.floor(this.now() / 1000)) };
    return { ...(await this.delivery.deliverNumberChange(phoneNumberId, 'smb_message_echoes', { message_echoes: [echo] })), wamid };
  }

  /**
   * A customer calls the number (`calls`, routed like messages): `connect` when it rings, `terminate` with
   * how it ended. Returns the call id to pass to the terminate.
   */
  async deliverCall(input: { phoneNumberId: string; from: string; event: 'connect' | 'terminate'; callId?: string; status?: 'COMPLETED' | 'FAILED'; durationSeconds?: number }): Promise<DeliveryResult & { callId: string }> {
    const phone = this.state.phoneOrThrow(input.phoneNumberId);
    const callId = input.callId ?? `wacid.${newGraphId()}`;
    const now = Math.floor(this.now() / 1000);
    const call: Record<string, unknown> = { id: callId, from: input.from, to: phone.displayPhoneNumber.replace(/\D/g, ''), event: input.event, timestamp: String(now), direction: 'USER_INITIATED' };
    if (input.event === 'connect') call.session = { sdp_type: 'offer', sdp: 'v=0' };
    else Object.assign(call, { status: input.status ?? 'COMPLETED', start_time: String(now - (input.durationSeconds ?? 0)), end_time: String(now), duration: input.durationSeconds ?? 0 });
    return { ...(await this.delivery.deliverNumberChange(input.phoneNumberId, 'calls', { contacts: [{ profile: { name: 'Sandbox User' }, wa_id: input.from }], calls: [call] })), callId };
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
   * The owner edits a template in WhatsApp Manager: its components change at once and
   * `message_template_components_update` goes to the app's callback URL with the texts Meta sends (body,
   * text header, footer, buttons; a media header has no title).
   */
  async editTemplate(wabaId: string, name: string, language: string, components: SandboxTemplate['components']): Promise<DeliveryResult> {
    const template = this.templateOrThrow(wabaId, name, language);
    template.components = components;
    const find = (type: string) => components.find((c) => String(c.type).toUpperCase() === type) as Record<string, unknown> | undefined;
    const header = find('HEADER');
    const buttons = (find('BUTTONS')?.buttons ?? []) as Array<Record<string, unknown>>;
    return this.delivery.deliverAccountChange(wabaId, 'message_template_components_update', {
      message_template_id: Number(template.id),
      message_template_name: template.name,
      message_template_language: template.language.replace('_', '-'),
      message_template_element: String(find('BODY')?.text ?? ''),
      ...(header && String(header.format ?? 'TEXT').toUpperCase() === 'TEXT' ? { message_template_title: String(header.text) } : {}),
      ...(find('FOOTER') ? { message_template_footer: String(find('FOOTER')!.text) } : {}),
      ...(buttons.length > 0
        ? {
            message_template_buttons: buttons.map((button) => ({
              message_template_button_type: button.type,
              message_template_button_text: button.text,
              ...(button.url ? { message_template_button_url: button.url } : {}),
              ...(button.phone_number ? { message_template_button_phone_number: button.phone_number } : {}),
            })),
          }
        : {}),
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

  /**
   * Meta changes the business account (`account_update` to the app's callback URL). A ban
   * (DISABLED_UPDATE with DISABLE) or a messaging restriction makes every number of the account refuse
   * sends (131031, health BLOCKED) until REINSTATE or a restriction update without one.
   */
  async updateAccount(wabaId: string, value: Record<string, unknown> & { event: string }): Promise<DeliveryResult> {
    const waba = this.state.wabas.get(wabaId);
    if (!waba) throw new Error(`No sandbox WABA ${wabaId}`);
    const ban = (value.ban_info as { waba_ban_state?: string } | undefined)?.waba_ban_state;
    const restrictions = value.event === 'ACCOUNT_RESTRICTION' ? ((value.restriction_info as Array<{ restriction_type: string }> | undefined) ?? []) : null;
    const blocked =
      value.event === 'DISABLED_UPDATE' && (ban === 'DISABLE' || ban === 'REINSTATE') ? ban === 'DISABLE'
      : restrictions ? restrictions.some((r) => r.restriction_type.endsWith('_MESSAGING'))
      : undefined;
    if (blocked !== undefined) for (const phoneId of waba.phoneNumberIds) this.restrictPhone(phoneId, blocked);
    return this.delivery.deliverAccountChange(wabaId, 'account_update', value);
  }

  /**
   * A customer stops or resumes marketing messages from the business in WhatsApp: `user_preferences`
   * (to the app's callback URL) names the number in `metadata` and the customer by `wa_id`.
   */
  async setMarketingPreference(phoneNumberId: string, waId: string, value: 'stop' | 'resume'): Promise<DeliveryResult> {
    const phone = this.state.phoneOrThrow(phoneNumberId);
    return this.delivery.deliverAccountChange(phone.wabaId, 'user_preferences', {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: phone.id },
      contacts: [{ profile: { name: 'Sandbox User' }, wa_id: waId }],
      user_preferences: [{
        wa_id: waId,
        category: 'marketing_messages',
        value,
        detail: value === 'stop' ? 'User requested to stop marketing messages' : 'User requested to resume marketing messages',
        timestamp: Math.floor(this.now() / 1000),
      }],
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
