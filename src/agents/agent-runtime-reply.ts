import { z } from 'zod';
import {
  contentDraft,
  TemplateButtonSubType,
  TemplateComponentType,
  TemplateParameterType,
  type OutboundDraft,
} from '../messaging';
import { PublicError } from '../platform/errors';

/**
 * The reply half of the agent runtime contract (docs/agents.md, "Agent runtime contract"): one of several
 * kinds, told apart by `type`; a reply without `type` is text, as in the first version of the contract.
 * The schema checks only the shape; Meta's limits are checked by the send path's own content checks
 * (src/messaging/outbound-content.ts), the same ones the GraphQL send uses, before anything is sent.
 */

const optionalText = z.string().optional();
const quote = z.boolean().optional();
const interactive = { body: z.string(), header: optionalText, footer: optionalText, quote };

const TextReply = z.object({
  type: z.literal('text'),
  text: z.string().min(1).max(4096),
  previewUrl: z.boolean().optional(),
  /** Quote the customer's message in the reply. */
  quote,
});

const ButtonsReply = z.object({
  type: z.literal('buttons'),
  ...interactive,
  buttons: z.array(z.object({ id: z.string(), title: z.string() })),
});

const ListReply = z.object({
  type: z.literal('list'),
  ...interactive,
  buttonText: z.string(),
  sections: z.array(
    z.object({
      title: optionalText,
      rows: z.array(z.object({ id: z.string(), title: z.string(), description: optionalText })),
    }),
  ),
});

const CtaUrlReply = z.object({ type: z.literal('cta_url'), ...interactive, displayText: z.string(), url: z.string() });

const MediaReply = z.object({
  type: z.enum(['image', 'video', 'audio', 'document', 'sticker']),
  /** The id `createWhatsAppMediaUpload` returned for this phone number; or give `link`. */
  mediaId: optionalText,
  link: optionalText,
  caption: optionalText,
  filename: optionalText,
  quote,
});

const LocationReply = z.object({
  type: z.literal('location'),
  latitude: z.number(),
  longitude: z.number(),
  name: optionalText,
  address: optionalText,
  quote,
});

const TemplateReply = z.object({
  type: z.literal('template'),
  name: z.string(),
  languageCode: z.string(),
  components: z
    .array(
      z.object({
        type: z.enum(TemplateComponentType),
        subType: z.enum(TemplateButtonSubType).optional(),
        index: z.number().int().optional(),
        parameters: z
          .array(
            z.object({
              type: z.enum(TemplateParameterType),
              text: optionalText,
              parameterName: optionalText,
              payload: optionalText,
              link: optionalText,
              filename: optionalText,
              couponCode: optionalText,
              currency: z.object({ fallbackValue: z.string(), code: z.string(), amount1000: z.number().int() }).optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  quote,
});

/** An emoji on the customer's message; the empty string takes an earlier reaction back. */
const ReactionReply = z.object({ type: z.literal('reaction'), emoji: z.string(), quote });

const typed = z.discriminatedUnion('type', [
  TextReply, ButtonsReply, ListReply, CtaUrlReply, MediaReply, LocationReply, TemplateReply, ReactionReply,
]);

export const AgentRuntimeReplySchema = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && !('type' in value) ? { ...value, type: 'text' } : value),
  typed,
);
export type AgentRuntimeReply = z.infer<typeof typed>;

/**
 * The reply as a message to send, or the refusal that says why it cannot go out (thrown, with the field at
 * fault under `reply.`). Nothing here calls Meta; a template is checked against the synced copy on sending.
 */
export function replyDraft(reply: AgentRuntimeReply, inboundMessageId: string): { draft: OutboundDraft; quote: boolean } {
  const at = 'reply';
  const quoted = reply.quote ?? false;
  switch (reply.type) {
    case 'text':
      return { draft: contentDraft('text', { body: reply.text, previewUrl: reply.previewUrl ?? false }, at), quote: quoted };
    case 'buttons':
    case 'list':
      return { draft: contentDraft(reply.type, reply, at), quote: quoted };
    case 'cta_url':
      return { draft: contentDraft('ctaUrl', reply, at), quote: quoted };
    case 'location':
      return { draft: contentDraft('location', reply, at), quote: quoted };
    case 'template':
      return { draft: contentDraft('template', reply, at), quote: quoted };
    case 'reaction':
      if (quoted) throw PublicError.badInput(`${at}.quote`, 'A reaction cannot quote a message: it already points at the customer\'s message.');
      return { draft: contentDraft('reaction', { messageId: inboundMessageId, emoji: reply.emoji }, at), quote: false };
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return { draft: contentDraft(reply.type, reply, at), quote: quoted };
    default: {
      // A new kind in the schema fails compilation here until it is mapped.
      const unmapped: never = reply;
      throw new Error(`unmapped reply kind ${JSON.stringify(unmapped)}`);
    }
  }
}
