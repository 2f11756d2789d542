import { z } from 'zod';
import { PagingSchema } from './graph-api-types';

/**
 * Message templates as Graph returns them (`GET /<WABA_ID>/message_templates`, docs/whatsapp-cloud-api.md
 * §5.5) and the account-level webhooks that change them or the number's quality (§3.6). Lenient: Meta adds
 * statuses, categories and component types, and a value we do not know must never fail a sync.
 */

export const MESSAGE_TEMPLATE_FIELDS = ['id', 'name', 'language', 'status', 'category', 'parameter_format', 'components', 'quality_score', 'rejected_reason'] as const;

export const MessageTemplateSchema = z.looseObject({
  id: z.coerce.string(),
  name: z.string().min(1),
  language: z.string().min(1),
  status: z.string().min(1),
  category: z.string().optional(),
  parameter_format: z.string().optional(),
  components: z.array(z.looseObject({ type: z.string() })).default([]),
  quality_score: z.looseObject({ score: z.string().optional() }).optional(),
  rejected_reason: z.string().optional(),
});
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;

export const MessageTemplatePageSchema = z.looseObject({ data: z.array(z.unknown()), paging: PagingSchema.optional() });

export interface MessageTemplateList {
  templates: MessageTemplate[];
  /** Entries Graph returned that are not templates as documented (counted, never fatal). */
  skipped: number;
  /** True when the page bound stopped the walk before the last page. */
  truncated: boolean;
}

/** Webhooks write `en-US` where the API writes `en_US`; stored and compared in the API's form. */
function normalizeTemplateLanguage(language: string): string {
  return language.replace(/-/g, '_');
}

const TemplateRef = {
  // A number in webhooks, a string in the API.
  message_template_id: z.union([z.number(), z.string()]).transform(String).optional(),
  message_template_name: z.string().min(1),
  message_template_language: z.string().min(1).transform(normalizeTemplateLanguage),
};

export const TemplateStatusUpdateSchema = z.looseObject({
  ...TemplateRef,
  event: z.string().min(1),
  message_template_category: z.string().optional(),
  reason: z.string().nullish(),
  other_info: z.looseObject({ title: z.string().optional(), description: z.string().optional() }).optional(),
});

export const TemplateQualityUpdateSchema = z.looseObject({
  ...TemplateRef,
  previous_quality_score: z.string().optional(),
  new_quality_score: z.string().min(1),
});

export const TemplateCategoryUpdateSchema = z.looseObject({
  ...TemplateRef,
  new_category: z.string().min(1),
  previous_category: z.string().optional(),
  correct_category: z.string().optional(),
});

/**
 * `message_template_components_update`: the texts of an edited template as Meta sends them after the edit
 * (body, text header, footer, buttons). It carries no media header format, examples or parameter format.
 */
export const TemplateComponentsUpdateSchema = z.looseObject({
  ...TemplateRef,
  message_template_element: z.string(),
  message_template_title: z.string().optional(),
  message_template_footer: z.string().optional(),
  message_template_buttons: z
    .array(
      z.looseObject({
        message_template_button_type: z.string().min(1),
        message_template_button_text: z.string().optional(),
        message_template_button_url: z.string().optional(),
        message_template_button_phone_number: z.string().optional(),
      }),
    )
    .optional(),
});
export type TemplateComponentsUpdate = z.infer<typeof TemplateComponentsUpdateSchema>;

export const PhoneNumberQualityUpdateSchema = z.looseObject({
  display_phone_number: z.union([z.string(), z.number()]).transform(String),
  event: z.string().min(1),
  current_limit: z.string().optional(),
  old_limit: z.string().optional(),
  max_daily_conversations_per_business: z.union([z.string(), z.number()]).optional(),
});

/**
 * The number's messaging limit from `whatsapp_business_manager_messaging_limit`: a tier string in Meta's
 * examples; an object carrying it is read too, since the field's shape is young and sparsely documented.
 */
export function messagingLimitOf(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (value && typeof value === 'object') {
    for (const key of ['current_limit', 'tier', 'messaging_limit', 'value']) {
      const inner = (value as Record<string, unknown>)[key];
      if (typeof inner === 'string' && inner) return inner;
    }
  }
  return null;
}

// Portfolio tiers in order (older per-number tiers included, as numbers moved from them).
const TIER_ORDER = ['TIER_50', 'TIER_250', 'TIER_1K', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'];

/** True when `current` is a lower known tier than `previous`; unknown tiers and TIER_NOT_SET never count. */
export function isLimitDecrease(previous: string | null, current: string | null): boolean {
  const before = previous ? TIER_ORDER.indexOf(previous) : -1;
  const after = current ? TIER_ORDER.indexOf(current) : -1;
  return before >= 0 && after >= 0 && after < before;
}
