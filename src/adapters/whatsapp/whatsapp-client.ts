import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Dispatcher } from 'undici';
import { GraphApiMalformedResponseError, GraphRequestValidationError, redactSecrets } from './graph-api-error';
import {
  DEFAULT_BUSINESS_ACCOUNT_FIELDS,
  DEFAULT_PHONE_NUMBER_FIELDS,
  DebugTokenResponseSchema,
  BusinessAccountSchema,
  HealthStatusResponseSchema,
  PhoneNumberPageSchema,
  PhoneNumberSchema,
  SendMessageResponseSchema,
  SubscribedAppsResponseSchema,
  AppSubscriptionsResponseSchema,
  SuccessResponseSchema,
  MediaInfoSchema,
  MediaUploadResponseSchema,
  WebhookConfigurationSchema,
  type BusinessAccount,
  type BusinessAccountField,
  type DebugTokenData,
  type GraphAuth,
  type HealthStatus,
  type MediaInfo,
  type OutboundMessage,
  type PhoneNumber,
  type PhoneNumberField,
  type PhoneNumberList,
  type SendMessageResponse,
  type SubscribedApp,
  type AppSubscription,
  type WebhookConfiguration,
} from './graph-api-types';
import { GraphTransport, type GraphTransportOptions } from './graph-transport';
import { MESSAGE_TEMPLATE_FIELDS, MessageTemplatePageSchema, MessageTemplateSchema, type MessageTemplate, type MessageTemplateList } from './message-templates';
import { isBsuid, isE164 } from './phone-number';

export interface WhatsAppClientOptions {
  /** Graph origin, e.g. `https://graph.facebook.com`, or the sandbox's `baseUrl`. */
  baseUrl: string;
  /** Graph API version, e.g. `v24.0`; payloads differ between versions (docs/whatsapp-cloud-api.md §0). */
  apiVersion: string;
  /** Deadline per call, in milliseconds. */
  timeoutMs: number;
  /** Keep-alive connections to Graph. */
  connections: number;
  /** Replaces the connection pool; the caller closes it. */
  dispatcher?: Dispatcher;
  /** See `GraphTransportOptions.observe` (metrics of every Graph call). */
  observe?: GraphTransportOptions['observe'];
  /** See `GraphTransportOptions.headers` (the request id of the caller). */
  headers?: GraphTransportOptions['headers'];
}

export interface ListPhoneNumbersOptions {
  fields?: readonly PhoneNumberField[];
  /** Page size asked of Graph. Default 100. */
  pageSize?: number;
  /** Pages followed at most. Default 20. */
  maxPages?: number;
}

const GRAPH_ID = /^\d{1,40}$/;
// Both override endpoints cap the URI at 200 characters (docs/whatsapp-cloud-api.md §2.3, §2.4).
const MAX_OVERRIDE_URI = 200;
const WebhookConfigurationResponseSchema = z.looseObject({
  id: z.coerce.string().optional(),
  webhook_configuration: WebhookConfigurationSchema.default({}),
});

function graphId(field: string, value: string): string {
  if (!GRAPH_ID.test(value)) throw new GraphRequestValidationError(field, `${field} must be a numeric Graph ID.`);
  return value;
}

function fieldList(fields: readonly string[]): string {
  return [...new Set(['id', ...fields])].join(',');
}

/**
 * The WhatsApp Cloud API client: one method per documented call. Every method takes the tenant's
 * credential as its first argument (nothing is cached here), returns the parsed documented shape, and
 * throws a `WhatsAppClientError` subclass on any failure.
 */
export class WhatsAppClient {
  private readonly transport: GraphTransport;

  constructor(options: WhatsAppClientOptions) {
    this.transport = new GraphTransport(options);
  }

  /**
   * `GET /debug_token` (docs/whatsapp-cloud-api.md §1.1), authenticated with the inspected token itself.
   * `input_token` is the one place a token appears in a URL: Meta documents no other way to pass it. With
   * `appSecret`, the call carries `appsecret_proof`, so success also proves the app secret (§9.4).
   */
  async debugToken(token: string, appSecret?: string): Promise<DebugTokenData> {
    const { data } = await this.transport.send({
      method: 'GET',
      segments: ['debug_token'],
      auth: { accessToken: token, appSecret },
      query: { input_token: token },
      schema: DebugTokenResponseSchema,
    });
    if (data.error?.message) {
      data.error.message = redactSecrets(data.error.message, appSecret ? [token, appSecret] : [token]);
    }
    return data;
  }

  /** `GET /<PHONE_NUMBER_ID>?fields=…` (§1.2). */
  async getPhoneNumber(
    auth: GraphAuth,
    phoneNumberId: string,
    fields: readonly PhoneNumberField[] = DEFAULT_PHONE_NUMBER_FIELDS,
  ): Promise<PhoneNumber> {
    return this.transport.send({
      method: 'GET',
      segments: [graphId('phoneNumberId', phoneNumberId)],
      auth,
      query: { fields: fieldList(fields) },
      schema: PhoneNumberSchema,
    });
  }

  /** `GET /<WABA_ID>?fields=…` (§1.3). */
  async getBusinessAccount(
    auth: GraphAuth,
    wabaId: string,
    fields: readonly BusinessAccountField[] = DEFAULT_BUSINESS_ACCOUNT_FIELDS,
  ): Promise<BusinessAccount> {
    return this.transport.send({
      method: 'GET',
      segments: [graphId('wabaId', wabaId)],
      auth,
      query: { fields: fieldList(fields) },
      schema: BusinessAccountSchema,
    });
  }

  /**
   * `GET /<WABA_ID>/phone_numbers` (§1.4), following the `after` cursor while Graph reports a `next`
   * page. The cursor is sent by us rather than fetching `paging.next`, so the request stays on our
   * origin and never picks up a token Graph may have put in that URL.
   */
  async listPhoneNumbers(auth: GraphAuth, wabaId: string, options: ListPhoneNumbersOptions = {}): Promise<PhoneNumberList> {
    const maxPages = options.maxPages ?? 20;
    const data: PhoneNumber[] = [];
    let after: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await this.transport.send({
        method: 'GET',
        segments: [graphId('wabaId', wabaId), 'phone_numbers'],
        auth,
        query: { fields: fieldList(options.fields ?? DEFAULT_PHONE_NUMBER_FIELDS), limit: options.pageSize ?? 100, after },
        schema: PhoneNumberPageSchema,
      });
      data.push(...result.data);
      after = result.paging?.cursors?.after;
      if (!result.paging?.next || !after || result.data.length === 0) return { data, truncated: false };
    }
    return { data, truncated: true };
  }

  /**
   * `GET /<WABA_ID>/message_templates` (§5.5), every page, following the `after` cursor as
   * `listPhoneNumbers` does. An entry that is not a documented template is skipped and counted.
   */
  async listMessageTemplates(
    auth: GraphAuth,
    wabaId: string,
    options: { pageSize?: number; maxPages?: number; beforePage?: () => Promise<void> } = {},
  ): Promise<MessageTemplateList> {
    const maxPages = options.maxPages ?? 50;
    const templates: MessageTemplate[] = [];
    let skipped = 0;
    let after: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      // Each page is one call against the account's hourly management budget: the caller may refuse it.
      await options.beforePage?.();
      const result = await this.transport.send({
        method: 'GET',
        segments: [graphId('wabaId', wabaId), 'message_templates'],
        auth,
        query: { fields: MESSAGE_TEMPLATE_FIELDS.join(','), limit: options.pageSize ?? 100, after },
        schema: MessageTemplatePageSchema,
      });
      for (const raw of result.data) {
        const parsed = MessageTemplateSchema.safeParse(raw);
        if (parsed.success) templates.push(parsed.data);
        else skipped += 1;
      }
      after = result.paging?.cursors?.after;
      if (!result.paging?.next || !after || result.data.length === 0) return { templates, skipped, truncated: false };
    }
    return { templates, skipped, truncated: true };
  }

  /** `GET /<NODE_ID>?fields=health_status` (§1.5): a phone number, a WABA or a template. */
  async getHealthStatus(auth: GraphAuth, nodeId: string): Promise<HealthStatus> {
    const result = await this.transport.send({
      method: 'GET',
      segments: [graphId('nodeId', nodeId)],
      auth,
      query: { fields: 'health_status' },
      schema: HealthStatusResponseSchema,
    });
    return result.health_status;
  }

  /** `POST /<WABA_ID>/subscribed_apps` with no body (§2.2): webhooks flow only for subscribed WABAs. */
  async subscribeApp(auth: GraphAuth, wabaId: string): Promise<void> {
    await this.expectSuccess({ method: 'POST', segments: [graphId('wabaId', wabaId), 'subscribed_apps'], auth });
  }

  /** `GET /<WABA_ID>/subscribed_apps` (§2.2); `override_callback_uri` is present only when set. */
  async listSubscribedApps(auth: GraphAuth, wabaId: string): Promise<SubscribedApp[]> {
    const result = await this.transport.send({
      method: 'GET',
      segments: [graphId('wabaId', wabaId), 'subscribed_apps'],
      auth,
      schema: SubscribedAppsResponseSchema,
    });
    return result.data;
  }

  /**
   * `GET /<APP_ID>/subscriptions` (§2.1) with the app access token `<APP_ID>|<APP_SECRET>`: the app's
   * callback URL and the webhook fields it subscribed to, per object. Fields are chosen here, per app;
   * nothing on a WABA narrows or widens them.
   */
  async listAppSubscriptions(appId: string, appSecret: string): Promise<AppSubscription[]> {
    const result = await this.transport.send({
      method: 'GET',
      segments: [graphId('appId', appId), 'subscriptions'],
      auth: `${appId}|${appSecret}`,
      schema: AppSubscriptionsResponseSchema,
    });
    return result.data;
  }

  /**
   * `POST /<APP_ID>/subscriptions` (§2.1): sets the app's `whatsapp_business_account` callback URL and
   * its full list of fields (always the whole list: whether Meta merges is not documented). Meta runs
   * the `hub.challenge` handshake against `callbackUrl` with `verifyToken` first.
   */
  async setAppSubscription(appId: string, appSecret: string, subscription: { callbackUrl: string; verifyToken: string; fields: readonly string[] }): Promise<void> {
    if (subscription.fields.length === 0) throw new GraphRequestValidationError('fields', 'At least one webhook field is required.');
    if (!subscription.verifyToken) throw new GraphRequestValidationError('verifyToken', 'A verify token is required.');
    await this.expectSuccess({
      method: 'POST',
      segments: [graphId('appId', appId), 'subscriptions'],
      auth: `${appId}|${appSecret}`,
      json: { object: 'whatsapp_business_account', callback_url: subscription.callbackUrl, verify_token: subscription.verifyToken, fields: subscription.fields.join(',') },
      secrets: [subscription.verifyToken, appSecret],
    });
  }

  /** `DELETE /<APP_ID>/subscriptions` (§2.1): the app's `whatsapp_business_account` callback URL and fields go. */
  async deleteAppSubscription(appId: string, appSecret: string): Promise<void> {
    await this.expectSuccess({ method: 'DELETE', segments: [graphId('appId', appId), 'subscriptions'], auth: `${appId}|${appSecret}`, query: { object: 'whatsapp_business_account' }, secrets: [appSecret] });
  }

  /** `DELETE /<WABA_ID>/subscribed_apps` (§2.2). */
  async unsubscribeApp(auth: GraphAuth, wabaId: string): Promise<void> {
    await this.expectSuccess({ method: 'DELETE', segments: [graphId('wabaId', wabaId), 'subscribed_apps'], auth });
  }

  /**
   * WABA-level override (§2.3). The app must already be subscribed (error 100 otherwise), and the URI
   * must answer the `hub.challenge` handshake for `verifyToken` before Graph accepts it (error 2200).
   */
  async setWabaCallbackOverride(auth: GraphAuth, wabaId: string, uri: string, verifyToken: string): Promise<void> {
    checkOverride(uri, verifyToken);
    await this.expectSuccess({
      method: 'POST',
      segments: [graphId('wabaId', wabaId), 'subscribed_apps'],
      auth,
      json: { override_callback_uri: uri, verify_token: verifyToken },
      secrets: [verifyToken],
    });
  }

  /** Removing the WABA override is the same subscribe call with no body (§2.3). */
  async clearWabaCallbackOverride(auth: GraphAuth, wabaId: string): Promise<void> {
    await this.subscribeApp(auth, wabaId);
  }

  /** Phone-level override (§2.4); it wins over the WABA override and the app callback. */
  async setPhoneCallbackOverride(auth: GraphAuth, phoneNumberId: string, uri: string, verifyToken: string): Promise<void> {
    checkOverride(uri, verifyToken);
    await this.expectSuccess({
      method: 'POST',
      segments: [graphId('phoneNumberId', phoneNumberId)],
      auth,
      json: { webhook_configuration: { override_callback_uri: uri, verify_token: verifyToken } },
      secrets: [verifyToken],
    });
  }

  /** Deleting the phone override is setting it to the empty string (§2.4). */
  async clearPhoneCallbackOverride(auth: GraphAuth, phoneNumberId: string): Promise<void> {
    await this.expectSuccess({
      method: 'POST',
      segments: [graphId('phoneNumberId', phoneNumberId)],
      auth,
      json: { webhook_configuration: { override_callback_uri: '' } },
    });
  }

  /** Where Meta currently routes this number's webhooks, layer by layer (§2.4). */
  async getWebhookConfiguration(auth: GraphAuth, phoneNumberId: string): Promise<WebhookConfiguration> {
    const result = await this.transport.send({
      method: 'GET',
      segments: [graphId('phoneNumberId', phoneNumberId)],
      auth,
      query: { fields: 'webhook_configuration' },
      schema: WebhookConfigurationResponseSchema,
    });
    return result.webhook_configuration;
  }

  /**
   * `POST /<PHONE_NUMBER_ID>/messages` (§5). A 200 means only "accepted"; delivery arrives as status
   * webhooks. `to` must be `+<digits>` (see phone-number.ts for why).
   */
  async sendMessage(auth: GraphAuth, phoneNumberId: string, message: OutboundMessage): Promise<SendMessageResponse> {
    if (message.recipient_type !== 'group') {
      if (message.to !== undefined && !isE164(message.to)) {
        throw new GraphRequestValidationError('to', 'to must be + followed by the country code and number.');
      }
      if (message.to === undefined && (message.recipient === undefined || !isBsuid(message.recipient))) {
        throw new GraphRequestValidationError('recipient', 'Give either to (a phone number) or recipient (a BSUID).');
      }
    }
    return this.transport.send({
      method: 'POST',
      segments: [graphId('phoneNumberId', phoneNumberId), 'messages'],
      auth,
      json: { ...message, messaging_product: 'whatsapp' },
      schema: SendMessageResponseSchema,
    });
  }

  /** Marks `wamid` and every earlier message in the thread as read (§5.4). */
  async markAsRead(auth: GraphAuth, phoneNumberId: string, wamid: string, options: { typingIndicator?: boolean } = {}): Promise<void> {
    await this.expectSuccess({
      method: 'POST',
      segments: [graphId('phoneNumberId', phoneNumberId), 'messages'],
      auth,
      json: {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: wamid,
        ...(options.typingIndicator ? { typing_indicator: { type: 'text' } } : {}),
      },
    });
  }

  /**
   * `GET /<MEDIA_ID>` (media docs): the short-lived download URL, MIME type and size of a file a customer
   * sent. The URL needs the same token; see `downloadMedia`.
   */
  async getMedia(auth: GraphAuth, mediaId: string): Promise<MediaInfo> {
    return this.transport.send({ method: 'GET', segments: [graphId('mediaId', mediaId)], auth, schema: MediaInfoSchema });
  }

  /**
   * `POST /<PHONE_NUMBER_ID>/media` as multipart/form-data (media docs): uploads one file, streamed, and
   * returns the id a message can then send it by (Meta keeps it for 30 days).
   */
  async uploadMedia(
    auth: GraphAuth,
    phoneNumberId: string,
    file: { mimeType: string; fileName: string; length: number; body: AsyncIterable<Uint8Array> },
    timeoutMs?: number,
  ): Promise<string> {
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(file.mimeType)) throw new GraphRequestValidationError('mimeType', 'Not a MIME type.');
    const boundary = `----whatsapp-connect-${randomBytes(12).toString('hex')}`;
    // The file name is ours to choose (Meta keeps only the bytes and the type); quotes and line breaks are dropped.
    const fileName = file.fileName.replace(/["\r\n\\]/g, '_');
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\n${file.mimeType}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    async function* multipart(): AsyncIterable<Uint8Array> {
      yield head;
      yield* file.body;
      yield tail;
    }
    const result = await this.transport.send({
      method: 'POST',
      segments: [graphId('phoneNumberId', phoneNumberId), 'media'],
      auth,
      raw: { contentType: `multipart/form-data; boundary=${boundary}`, length: head.length + file.length + tail.length, body: multipart() },
      timeoutMs,
      schema: MediaUploadResponseSchema,
    });
    return result.id;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private async expectSuccess(call: {
    method: 'POST' | 'DELETE';
    segments: string[];
    auth: GraphAuth;
    json?: unknown;
    query?: Record<string, string>;
    secrets?: string[];
  }): Promise<void> {
    const result = await this.transport.send({ ...call, schema: SuccessResponseSchema });
    if (!result.success) throw new GraphApiMalformedResponseError('success was false without an error body', 200);
  }
}

function checkOverride(uri: string, verifyToken: string): void {
  if (!uri || uri.length > MAX_OVERRIDE_URI) {
    throw new GraphRequestValidationError('uri', `The callback URI must be 1 to ${MAX_OVERRIDE_URI} characters.`);
  }
  if (!verifyToken) throw new GraphRequestValidationError('verifyToken', 'A verify token is required.');
}
