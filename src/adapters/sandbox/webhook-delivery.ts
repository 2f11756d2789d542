import { signWebhookBody } from '../whatsapp/webhook-signature';
import { newGraphId, newWamid } from './sandbox-ids';
import { appFieldsOf, type SandboxApp, type SandboxPhone, type SandboxState } from './sandbox-state';
import { carriesConversation, messagesEnvelope, serializeLikeMeta } from './webhook-payloads';
import type { WebhookSender } from './webhook-sender';
import type { SentMessageRecord } from './routes/route-context';

export type DeliveryFailureReason = 'unknown_phone' | 'not_subscribed' | 'field_not_subscribed' | 'no_callback_url' | 'unreachable';

/** The simulator could not deliver: no route to a callback, or the receiver did not answer at all. */
export class SandboxDeliveryError extends Error {
  constructor(
    readonly reason: DeliveryFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxDeliveryError';
  }
}

export interface DeliveryResult {
  url: string;
  /** The HTTP status the receiver answered; Meta retries anything but 200 (docs/whatsapp-cloud-api.md §4). */
  status: number;
  responseBody: string;
  /** The exact bytes sent, and the signature header sent with them (null when left out). */
  rawBody: Buffer;
  signature: string | null;
}

/** An inbound message as a user would send it; the content object is named after `type` (§3.3). */
export interface InboundMessageInput {
  phoneNumberId: string;
  /** The user's number, digits only with country code (`wa_id`). */
  from: string;
  type: string;
  profileName?: string;
  /** The user's BSUID, sent as `from_user_id` and `contacts[].user_id`. */
  fromUserId?: string;
  /** Defaults to a fresh wamid. */
  id?: string;
  /** Unix seconds; defaults to the simulator clock. */
  timestamp?: number;
  context?: { from?: string; id: string };
  [content: string]: unknown;
}

export interface StatusInput {
  phoneNumberId: string;
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'played' | (string & {});
  /** Defaults to the recipient of the message the simulator accepted under this wamid. */
  recipientId?: string;
  timestamp?: number;
  errors?: Array<Record<string, unknown>>;
  pricing?: Record<string, unknown>;
  conversation?: Record<string, unknown>;
  bizOpaqueCallbackData?: string;
}

export interface RawDeliveryOptions {
  /** Deliver here instead of the routed callback URL. */
  url?: string;
  /** Route and sign as for this number; read from `metadata.phone_number_id` when absent. */
  phoneNumberId?: string;
  /** A string replaces the computed signature header; null sends no signature at all. */
  signatureOverride?: string | null;
}

const INBOUND_RESERVED = new Set(['phoneNumberId', 'profileName', 'fromUserId', 'timestamp', 'id']);

/** Builds, signs and posts Meta's webhooks (docs/whatsapp-cloud-api.md §3) to the callback of §2. */
export class WebhookDelivery {
  constructor(
    private readonly state: SandboxState,
    private readonly sender: WebhookSender,
    private readonly now: () => number,
    private readonly apiVersion: string,
    private readonly sent: Map<string, SentMessageRecord>,
  ) {}

  /** For the owning app: phone, then WABA override, then app callback (docs/whatsapp-cloud-api.md §2). */
  resolve(phoneNumberId: string): { url: string; app: SandboxApp; phone: SandboxPhone } {
    const phone = this.state.phones.get(phoneNumberId);
    if (!phone) throw new SandboxDeliveryError('unknown_phone', `No sandbox phone number ${phoneNumberId}`);
    const waba = this.state.wabas.get(phone.wabaId)!;
    const app = this.state.apps.get(waba.ownerAppId)!;
    // Meta delivers only for WABAs the app subscribed to, whatever the overrides say
    // (docs/whatsapp-cloud-api.md §2.2).
    const subscription = waba.subscriptions.get(app.id);
    if (!subscription) throw new SandboxDeliveryError('not_subscribed', `App ${app.id} is not subscribed to WABA ${waba.id}`);
    const url = phone.overrideUri ?? subscription.overrideUri ?? app.callbackUrl;
    if (!url) throw new SandboxDeliveryError('no_callback_url', `No callback URL routes phone number ${phone.id}`);
    return { url, app, phone };
  }

  async deliverInboundMessage(input: InboundMessageInput): Promise<DeliveryResult & { wamid: string }> {
    const { url, app, phone } = this.resolve(input.phoneNumberId);
    requireField(app, 'messages');
    const at = this.now();
    // The inbound message opens (or refreshes) the 24 h window even if the receiver then fails (§6.1).
    phone.lastInboundAt.set(input.from, at);
    if (input.fromUserId) phone.lastInboundAt.set(input.fromUserId, at);
    const wamid = input.id ?? newWamid(input.from);
    const content = Object.fromEntries(Object.entries(input).filter(([key]) => !INBOUND_RESERVED.has(key)));
    const message = {
      ...content,
      from: input.from,
      ...(input.fromUserId ? { from_user_id: input.fromUserId } : {}),
      id: wamid,
      timestamp: String(input.timestamp ?? Math.floor(at / 1000)),
    };
    const contact = {
      profile: { name: input.profileName ?? 'Sandbox User' },
      wa_id: input.from,
      ...(input.fromUserId ? { user_id: input.fromUserId } : {}),
    };
    const payload = messagesEnvelope(phone, { contacts: [contact], messages: [message] });
    return { ...(await this.post(url, app, serializeLikeMeta(payload), undefined)), wamid };
  }

  async deliverStatus(input: StatusInput): Promise<DeliveryResult> {
    const { url, app, phone } = this.resolve(input.phoneNumberId);
    requireField(app, 'messages');
    const original = this.sent.get(input.wamid);
    const status: Record<string, unknown> = {
      id: input.wamid,
      status: input.status,
      timestamp: String(input.timestamp ?? Math.floor(this.now() / 1000)),
      recipient_id: input.recipientId ?? original?.recipient ?? '0',
    };
    if (input.bizOpaqueCallbackData ?? original?.body.biz_opaque_callback_data) {
      status.biz_opaque_callback_data = input.bizOpaqueCallbackData ?? original?.body.biz_opaque_callback_data;
    }
    const conversation = input.conversation ?? (carriesConversation(this.apiVersion) && input.status !== 'failed'
      ? { id: newGraphId(), origin: { type: original?.type === 'template' ? 'utility' : 'service' } }
      : undefined);
    if (conversation) status.conversation = conversation;
    // Pricing rides on `sent` and one of delivered/read (§3.4); the simulator puts it on `delivered`.
    const pricing = input.pricing ?? (input.status === 'delivered'
      ? original?.type === 'template'
        ? { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' }
        : { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' }
      : undefined);
    if (pricing) status.pricing = pricing;
    if (input.errors) status.errors = input.errors;
    const payload = messagesEnvelope(phone, { statuses: [status] });
    return this.post(url, app, serializeLikeMeta(payload), undefined);
  }

  /**
   * An account-level field (template and quality updates): these go to the app's own callback URL, never
   * to an override (docs/whatsapp-cloud-api.md §2.5), and only for a WABA the app subscribed to.
   */
  async deliverAccountChange(wabaId: string, field: string, value: Record<string, unknown>): Promise<DeliveryResult> {
    const waba = this.state.wabas.get(wabaId);
    if (!waba) throw new SandboxDeliveryError('unknown_phone', `No sandbox WABA ${wabaId}`);
    const app = this.state.apps.get(waba.ownerAppId)!;
    if (!waba.subscriptions.has(app.id)) throw new SandboxDeliveryError('not_subscribed', `App ${app.id} is not subscribed to WABA ${waba.id}`);
    requireField(app, field);
    if (!app.callbackUrl) throw new SandboxDeliveryError('no_callback_url', `App ${app.id} has no callback URL`);
    const payload = { object: 'whatsapp_business_account', entry: [{ id: waba.id, time: Math.floor(this.now() / 1000), changes: [{ field, value }] }] };
    return this.post(app.callbackUrl, app, serializeLikeMeta(payload), undefined);
  }

  /**
   * A number-level field other than `messages` (`smb_message_echoes`, `calls`): routed like messages,
   * through the overrides (docs/whatsapp-cloud-api.md §2.5), when the app subscribed to the field.
   */
  async deliverNumberChange(phoneNumberId: string, field: string, value: Record<string, unknown>): Promise<DeliveryResult> {
    const { url, app, phone } = this.resolve(phoneNumberId);
    requireField(app, field);
    const payload = {
      object: 'whatsapp_business_account',
      entry: [{ id: phone.wabaId, changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: phone.id }, ...value } }] }],
    };
    return this.post(url, app, serializeLikeMeta(payload), undefined);
  }

  async deliverRaw(body: string | Buffer | object, options: RawDeliveryOptions = {}): Promise<DeliveryResult> {
    const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
    const phoneNumberId = options.phoneNumberId ?? phoneNumberIdOf(rawBody);
    const routed = phoneNumberId ? this.resolveForRaw(phoneNumberId, options.url) : undefined;
    const url = options.url ?? routed?.url;
    if (!url) throw new SandboxDeliveryError('no_callback_url', 'deliverRaw needs a url or a routable phone number');
    return this.post(url, routed?.app, rawBody, options.signatureOverride);
  }

  private resolveForRaw(phoneNumberId: string, url: string | undefined) {
    if (url === undefined) return this.resolve(phoneNumberId);
    const phone = this.state.phones.get(phoneNumberId);
    const waba = phone ? this.state.wabas.get(phone.wabaId) : undefined;
    return { url, app: waba ? this.state.apps.get(waba.ownerAppId) : undefined };
  }

  private async post(url: string, app: SandboxApp | undefined, rawBody: Buffer, signatureOverride: string | null | undefined) {
    const signature = signatureOverride !== undefined ? signatureOverride : app ? signWebhookBody(app.secret, rawBody) : null;
    try {
      const result = await this.sender.post(url, rawBody, signature);
      return { url, ...result, rawBody, signature };
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      throw new SandboxDeliveryError('unreachable', `The receiver at ${url} did not answer (${code})`);
    }
  }
}

/** Meta sends a field only to apps subscribed to it (docs/whatsapp-cloud-api.md §2.1). */
function requireField(app: SandboxApp, field: string): void {
  if (!appFieldsOf(app).includes(field)) throw new SandboxDeliveryError('field_not_subscribed', `App ${app.id} is not subscribed to the ${field} field`);
}

function phoneNumberIdOf(rawBody: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(rawBody.toString('utf8')) as {
      entry?: Array<{ changes?: Array<{ value?: { metadata?: { phone_number_id?: unknown } } }> }>;
    };
    const id = parsed.entry?.[0]?.changes?.[0]?.value?.metadata?.phone_number_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
