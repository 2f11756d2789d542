import { z } from 'zod';
import type { Bsuid, E164PhoneNumber } from './phone-number';

/**
 * Wire shapes of the Graph calls we make (docs/whatsapp-cloud-api.md §1, §2, §5), in Meta's snake_case.
 * Response schemas are loose: unknown fields pass through, and only what we rely on is required.
 */

/**
 * A token alone, or a token with the app secret so every call carries `appsecret_proof`
 * (docs/whatsapp-cloud-api.md §9.4).
 */
export type GraphAuth = string | { accessToken: string; appSecret?: string };

// ---- debug_token (§1.1) -------------------------------------------------------------------------------

const DebugTokenDataSchema = z.looseObject({
  app_id: z.coerce.string().optional(),
  type: z.string().optional(),
  application: z.string().optional(),
  is_valid: z.boolean(),
  issued_at: z.number().optional(),
  /** Unix seconds; 0 means the token never expires. */
  expires_at: z.number().optional(),
  data_access_expires_at: z.number().optional(),
  scopes: z.array(z.string()).default([]),
  granular_scopes: z
    .array(z.looseObject({ scope: z.string(), target_ids: z.array(z.coerce.string()).optional() }))
    .default([]),
  user_id: z.coerce.string().optional(),
  error: z.looseObject({ code: z.number(), message: z.string().optional(), subcode: z.number().optional() }).optional(),
});
export type DebugTokenData = z.infer<typeof DebugTokenDataSchema>;
export const DebugTokenResponseSchema = z.object({ data: DebugTokenDataSchema });

// ---- health_status (§1.5) -----------------------------------------------------------------------------

type CanSendMessage = 'AVAILABLE' | 'LIMITED' | 'BLOCKED';

const HealthStatusSchema = z.looseObject({
  can_send_message: z.string() as z.ZodType<CanSendMessage>,
  entities: z
    .array(
      z.looseObject({
        entity_type: z.string(),
        id: z.coerce.string(),
        can_send_message: z.string() as z.ZodType<CanSendMessage>,
        can_receive_call_sip: z.string().optional(),
        additional_info: z.array(z.string()).optional(),
        errors: z
          .array(
            z.looseObject({
              error_code: z.number(),
              error_description: z.string().optional(),
              possible_solution: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .default([]),
});
export type HealthStatus = z.infer<typeof HealthStatusSchema>;
export const HealthStatusResponseSchema = z.looseObject({ id: z.coerce.string(), health_status: HealthStatusSchema });

// ---- phone numbers (§1.2, §1.4, §2.4) -----------------------------------------------------------------

export const WebhookConfigurationSchema = z.looseObject({
  application: z.string().optional(),
  whatsapp_business_account: z.string().optional(),
  phone_number: z.string().optional(),
});
export type WebhookConfiguration = z.infer<typeof WebhookConfigurationSchema>;

/** @public Every phone-number field we know of: the source of PhoneNumberField, kept as a list to read. */
export const PHONE_NUMBER_FIELDS = [
  'id', 'display_phone_number', 'verified_name', 'quality_rating', 'code_verification_status', 'name_status',
  'new_name_status', 'status', 'platform_type', 'account_mode', 'throughput',
  'whatsapp_business_manager_messaging_limit', 'messaging_limit_tier', 'is_official_business_account',
  'is_pin_enabled', 'last_onboarded_time', 'webhook_configuration', 'health_status', 'country_code',
  'country_dial_code', 'certificate', 'new_certificate', 'unified_cert_status', 'host_platform', 'username',
] as const;
export type PhoneNumberField = (typeof PHONE_NUMBER_FIELDS)[number];

/** The fields the credential check needs (docs/whatsapp-cloud-api.md §9.2). */
export const DEFAULT_PHONE_NUMBER_FIELDS: readonly PhoneNumberField[] = [
  'id', 'display_phone_number', 'verified_name', 'quality_rating', 'code_verification_status', 'name_status',
  'status', 'platform_type', 'throughput', 'whatsapp_business_manager_messaging_limit', 'webhook_configuration',
];

export const PhoneNumberSchema = z.looseObject({
  id: z.coerce.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
  code_verification_status: z.string().optional(),
  name_status: z.string().optional(),
  new_name_status: z.string().optional(),
  status: z.string().optional(),
  platform_type: z.string().optional(),
  account_mode: z.string().optional(),
  throughput: z.looseObject({ level: z.string().optional() }).optional(),
  whatsapp_business_manager_messaging_limit: z.unknown().optional(),
  is_official_business_account: z.boolean().optional(),
  webhook_configuration: WebhookConfigurationSchema.optional(),
  health_status: HealthStatusSchema.optional(),
});
export type PhoneNumber = z.infer<typeof PhoneNumberSchema>;

export const PagingSchema = z.looseObject({
  cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});

export const PhoneNumberPageSchema = z.looseObject({ data: z.array(PhoneNumberSchema), paging: PagingSchema.optional() });

export interface PhoneNumberList {
  data: PhoneNumber[];
  /** True when the page bound stopped the walk before Graph said there were no more pages. */
  truncated: boolean;
}

// ---- WhatsApp Business Account (§1.3) -----------------------------------------------------------------

/** @public Every business-account field we know of: the source of BusinessAccountField, kept as a list to read. */
export const BUSINESS_ACCOUNT_FIELDS = [
  'id', 'name', 'timezone_id', 'message_template_namespace', 'account_review_status',
  'business_verification_status', 'country', 'ownership_type', 'primary_business_location', 'currency',
  'health_status',
] as const;
export type BusinessAccountField = (typeof BUSINESS_ACCOUNT_FIELDS)[number];

export const DEFAULT_BUSINESS_ACCOUNT_FIELDS: readonly BusinessAccountField[] = [
  'id', 'name', 'account_review_status', 'business_verification_status', 'currency', 'timezone_id',
];

export const BusinessAccountSchema = z.looseObject({
  id: z.coerce.string(),
  name: z.string().optional(),
  timezone_id: z.coerce.string().optional(),
  message_template_namespace: z.string().optional(),
  account_review_status: z.string().optional(),
  business_verification_status: z.string().optional(),
  country: z.string().optional(),
  ownership_type: z.string().optional(),
  currency: z.string().optional(),
  health_status: HealthStatusSchema.optional(),
});
export type BusinessAccount = z.infer<typeof BusinessAccountSchema>;

// ---- subscribed_apps (§2.2, §2.3) ---------------------------------------------------------------------

const SubscribedAppSchema = z.looseObject({
  whatsapp_business_api_data: z
    .looseObject({ id: z.coerce.string(), link: z.string().optional(), name: z.string().optional() })
    .optional(),
  override_callback_uri: z.string().optional(),
});
export type SubscribedApp = z.infer<typeof SubscribedAppSchema>;
export const SubscribedAppsResponseSchema = z.looseObject({ data: z.array(SubscribedAppSchema) });

// ---- app subscriptions (§2.1) -------------------------------------------------------------------------

const AppSubscriptionSchema = z.looseObject({
  object: z.string(),
  callback_url: z.string().optional(),
  active: z.boolean().optional(),
  fields: z.array(z.looseObject({ name: z.string(), version: z.string().optional() })).default([]),
});
export type AppSubscription = z.infer<typeof AppSubscriptionSchema>;
export const AppSubscriptionsResponseSchema = z.looseObject({ data: z.array(AppSubscriptionSchema) });

/** `{"success": true}`; Graph may add a `data[]` echo, which we ignore (docs/whatsapp-cloud-api.md §2.2). */
export const SuccessResponseSchema = z.looseObject({ success: z.boolean() });

/**
 * `GET /<MEDIA_ID>` (docs/whatsapp-cloud-api.md, media): where the file can be downloaded for the next
 * few minutes (with the same token), and what it is.
 */
export const MediaInfoSchema = z.looseObject({
  id: z.coerce.string(),
  url: z.url(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  file_size: z.coerce.number().int().nonnegative(),
});
export type MediaInfo = z.infer<typeof MediaInfoSchema>;

/** `POST /<PHONE_NUMBER_ID>/media`: the id to send the uploaded file by. */
export const MediaUploadResponseSchema = z.looseObject({ id: z.coerce.string().min(1) });

// ---- sending (§5) -------------------------------------------------------------------------------------

interface MessageContext {
  /** The wamid being quoted; reactions cannot be contextual replies (§5). */
  message_id: string;
}

/** Who receives the message: a phone number with `+` (§8), a BSUID in `recipient` (§3.3), or a group. */
type OutboundAddress =
  | { recipient_type?: 'individual'; to: E164PhoneNumber; recipient?: never }
  | { recipient_type?: 'individual'; recipient: Bsuid; to?: never }
  | { recipient_type: 'group'; to: string; recipient?: never };

interface OutboundOptions {
  messaging_product?: 'whatsapp';
  context?: MessageContext;
  /** Echoed back in status webhooks. */
  biz_opaque_callback_data?: string;
}

type MediaObject = ({ link: string; id?: never } | { id: string; link?: never }) & { caption?: string };

interface TemplateParameter {
  type: 'text' | 'currency' | 'date_time' | 'image' | 'document' | 'video' | 'payload' | (string & {});
  text?: string;
  parameter_name?: string;
  payload?: string;
  image?: { id?: string; link?: string };
  document?: { id?: string; link?: string; filename?: string };
  video?: { id?: string; link?: string };
  [extra: string]: unknown;
}

interface TemplateComponent {
  type: 'header' | 'body' | 'button' | (string & {});
  sub_type?: string;
  index?: string | number;
  parameters?: TemplateParameter[];
}

interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

interface ListSection {
  title?: string;
  rows: Array<{ id: string; title: string; description?: string }>;
}

type InteractiveObject = {
  header?: { type: 'text' | 'image' | 'video' | 'document'; text?: string; [media: string]: unknown };
  body?: { text: string };
  footer?: { text: string };
} & (
  | { type: 'button'; action: { buttons: ReplyButton[] } }
  | { type: 'list'; action: { button: string; sections: ListSection[] } }
  | { type: 'cta_url'; action: { name: 'cta_url'; parameters: { display_text: string; url: string } } }
  | { type: 'flow' | 'location_request_message' | 'product' | 'product_list'; action: Record<string, unknown> }
);

export type OutboundContent =
  | { type: 'text'; text: { body: string; preview_url?: boolean } }
  | {
      type: 'template';
      template: { name: string; language: { code: string; policy?: 'deterministic' }; components?: TemplateComponent[] };
    }
  | { type: 'image'; image: MediaObject }
  | { type: 'video'; video: MediaObject }
  | { type: 'audio'; audio: MediaObject & { voice?: boolean } }
  | { type: 'document'; document: MediaObject & { filename?: string } }
  | { type: 'sticker'; sticker: MediaObject }
  | { type: 'interactive'; interactive: InteractiveObject }
  | { type: 'reaction'; reaction: { message_id: string; emoji: string } }
  | { type: 'location'; location: { latitude: number | string; longitude: number | string; name?: string; address?: string } };

/** The documented `POST /<PHONE_NUMBER_ID>/messages` body; `messaging_product` is filled in for you. */
export type OutboundMessage = OutboundAddress & OutboundContent & OutboundOptions;

export const SendMessageResponseSchema = z.looseObject({
  messaging_product: z.string(),
  contacts: z
    .array(z.looseObject({ input: z.string().optional(), wa_id: z.string().optional(), user_id: z.string().optional() }))
    .default([]),
  messages: z
    .array(z.looseObject({ id: z.string().min(1), message_status: z.string().optional(), group_id: z.string().optional() }))
    .min(1),
});
export type SendMessageResponse = z.infer<typeof SendMessageResponseSchema>;
