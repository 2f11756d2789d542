import { z } from 'zod';
import { PhoneNumberIdSchema } from './phone-number-id';
import { WabaIdSchema } from './waba-id';
import { WamidSchema } from './wamid';

/**
 * Schemas of the webhook envelope (docs/whatsapp-cloud-api.md §3.3-3.5). Strict on what we route and dedupe
 * on (`object`, `entry[].id`, `field`, `metadata.phone_number_id`, message and status ids); lenient
 * everywhere else: every object keeps unknown fields, and a message type we do not know passes through as it
 * came, so a new Meta type never makes a whole batch fail.
 */

/** Meta sends Unix seconds as strings; accept numbers too and keep the string form. */
const Timestamp = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

const WebhookErrorSchema = z.looseObject({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});

const MediaSchema = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  url: z.string().optional(),
});

const ContextSchema = z.looseObject({
  from: z.string().optional(),
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z.looseObject({}).optional(),
});

const messageBase = {
  /** Digits only; may be absent for users reachable only by BSUID (§3.3). */
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  id: WamidSchema,
  timestamp: Timestamp,
  context: ContextSchema.optional(),
  referral: z.looseObject({}).optional(),
  errors: z.array(WebhookErrorSchema).optional(),
};

const known = <T extends string, S extends z.ZodType>(type: T, content: S) =>
  z.looseObject({ ...messageBase, type: z.literal(type), [type]: content } as typeof messageBase & { type: z.ZodLiteral<T> } & Record<T, S>);

const TextMessage = known('text', z.looseObject({ body: z.string() }));
const ImageMessage = known('image', MediaSchema);
const VideoMessage = known('video', MediaSchema);
const AudioMessage = known('audio', MediaSchema.extend({ voice: z.boolean().optional() }));
const DocumentMessage = known('document', MediaSchema.extend({ filename: z.string().optional() }));
const StickerMessage = known('sticker', MediaSchema.extend({ animated: z.boolean().optional() }));
const LocationMessage = known(
  'location',
  z.looseObject({
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
    url: z.string().optional(),
  }),
);
const ContactsMessage = known('contacts', z.array(z.looseObject({})));
const InteractiveMessage = known(
  'interactive',
  z.looseObject({
    type: z.string(),
    button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
    list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    nfm_reply: z.looseObject({ response_json: z.string().optional(), body: z.string().optional(), name: z.string().optional() }).optional(),
  }),
);
const ButtonMessage = known('button', z.looseObject({ payload: z.string().optional(), text: z.string() }));
// `emoji` is omitted when the user removes a reaction.
const ReactionMessage = known('reaction', z.looseObject({ message_id: z.string(), emoji: z.string().optional() }));
const OrderMessage = known('order', z.looseObject({}));
const SystemMessage = known('system', z.looseObject({ body: z.string().optional(), type: z.string().optional() }));
const UnsupportedMessage = known('unsupported', z.looseObject({ type: z.string().optional() }).optional());

const KnownMessageSchema = z.discriminatedUnion('type', [
  TextMessage, ImageMessage, VideoMessage, AudioMessage, DocumentMessage, StickerMessage, LocationMessage,
  ContactsMessage, InteractiveMessage, ButtonMessage, ReactionMessage, OrderMessage, SystemMessage, UnsupportedMessage,
]);
export type KnownInboundMessage = z.infer<typeof KnownMessageSchema>;
const KNOWN_MESSAGE_TYPES = [
  'text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button',
  'reaction', 'order', 'system', 'unsupported',
] as const;
const knownTypes: ReadonlySet<string> = new Set(KNOWN_MESSAGE_TYPES);

/** A type Meta added after this code was written; its content object is kept under its own name. */
const OtherMessageSchema = z.looseObject({
  ...messageBase,
  type: z.string().refine((type) => !knownTypes.has(type), 'a known type with malformed content'),
});

const InboundMessageSchema = z.union([KnownMessageSchema, OtherMessageSchema]);
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

/**
 * Narrow with this first, then on `type`: because an unknown type is any string, `message.type === 'text'`
 * alone cannot rule out the pass-through member.
 */
export function isKnownMessage(message: InboundMessage): message is KnownInboundMessage {
  return knownTypes.has(message.type);
}

const WebhookContactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});
export type WebhookContact = z.infer<typeof WebhookContactSchema>;

export type KnownStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

export const StatusSchema = z.looseObject({
  id: WamidSchema,
  // A string, not an enum: `played` was added recently and the next value must not break parsing.
  status: z.string().min(1) as z.ZodType<KnownStatus | (string & {})>,
  timestamp: Timestamp,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  recipient_type: z.string().optional(),
  recipient_participant_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z
    .looseObject({
      id: z.string(),
      expiration_timestamp: Timestamp.optional(),
      origin: z.looseObject({ type: z.string() }).optional(),
    })
    .optional(),
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      type: z.string().optional(),
      category: z.string().optional(),
    })
    .optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});

const MessagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ display_phone_number: z.string(), phone_number_id: PhoneNumberIdSchema }),
  contacts: z.array(WebhookContactSchema).optional(),
  messages: z.array(InboundMessageSchema).optional(),
  statuses: z.array(StatusSchema).optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});
export type MessagesValue = z.infer<typeof MessagesValueSchema>;

const MessagesChangeSchema = z.object({ field: z.literal('messages'), value: MessagesValueSchema });
/** Any other field (§3.5): template, account and quality updates; their values vary, so they stay raw. */
export const OtherChangeSchema = z.object({
  field: z.string().min(1).refine((field) => field !== 'messages'),
  value: z.record(z.string(), z.unknown()),
});
export type MessagesChange = z.infer<typeof MessagesChangeSchema>;
type OtherChange = z.infer<typeof OtherChangeSchema>;
export type WebhookChange = MessagesChange | OtherChange;

export function isMessagesChange(change: WebhookChange): change is MessagesChange {
  return change.field === 'messages';
}

const WebhookEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: WabaIdSchema,
      time: z.number().optional(),
      changes: z.array(z.union([MessagesChangeSchema, OtherChangeSchema])),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelopeSchema>;

export type ParseWebhookResult =
  | { ok: true; envelope: WebhookEnvelope }
  | { ok: false; reason: 'invalid_json' | 'invalid_shape'; issues: string[] };

/**
 * Parses the raw body (after the signature check). Issues name paths only, never values, so they are
 * safe to log.
 */
export function parseWebhookPayload(rawBody: Buffer | string): ParseWebhookResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid_json', issues: [] };
  }
  const parsed = WebhookEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, reason: 'invalid_shape', issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  }
  return { ok: true, envelope: parsed.data };
}

/**
 * A `messages` change as processing reads it: the envelope strictly, its messages and statuses one by
 * one (see parseInboundMessage, StatusSchema), so one odd element never takes its neighbours with it.
 */
export const LenientMessagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ display_phone_number: z.string(), phone_number_id: PhoneNumberIdSchema }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});
export type LenientMessagesValue = z.infer<typeof LenientMessagesValueSchema>;

/**
 * What routing and deduplication need of a message: enough to store one whose content Meta left out.
 * Meta does send such messages, e.g. an `interactive` with no `interactive` object beside a value-level
 * error 131000 when WhatsApp Web reconnects; the customer did write, so the message is kept.
 */
const IncompleteMessageSchema = z.looseObject({ ...messageBase, type: z.string().min(1) });

export type ParsedInboundMessage =
  | { ok: true; message: InboundMessage; complete: true }
  | { ok: true; message: InboundMessage; complete: false }
  | { ok: false; issues: string[] };

/** One element of `messages[]`: complete, incomplete but storable, or unusable (issues name paths only). */
export function parseInboundMessage(raw: unknown): ParsedInboundMessage {
  const complete = InboundMessageSchema.safeParse(raw);
  if (complete.success) return { ok: true, message: complete.data, complete: true };
  const incomplete = IncompleteMessageSchema.safeParse(raw);
  if (incomplete.success) return { ok: true, message: incomplete.data as InboundMessage, complete: false };
  return { ok: false, issues: incomplete.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

/** One element of `contacts[]`, or null when it is not one. */
export function parseWebhookContact(raw: unknown): WebhookContact | null {
  const parsed = WebhookContactSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
