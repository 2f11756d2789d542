import { z } from 'zod';
import { WamidSchema } from './wamid';

/**
 * A customer's edit or revoke of an earlier message (docs/whatsapp-cloud-api.md, "Edits and revokes"):
 * an element of `messages[]` whose `type` is `edit` or `revoke`, naming the original by its wamid. Meta
 * sends them for numbers shared with the WhatsApp Business app; elsewhere an edit shows up as an
 * `unsupported` message, which is stored as one.
 */

const Timestamp = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

const changeBase = {
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  id: WamidSchema,
  timestamp: Timestamp,
};

const EditSchema = z.looseObject({
  ...changeBase,
  type: z.literal('edit'),
  edit: z.looseObject({
    original_message_id: WamidSchema,
    // The message as it reads now: its type and the object named after it (text, or a caption's media).
    message: z.looseObject({ type: z.string().min(1) }).refine((message) => typeof message[message.type] === 'object' && message[message.type] !== null, 'the content object named by type'),
  }),
});

const RevokeSchema = z.looseObject({
  ...changeBase,
  type: z.literal('revoke'),
  revoke: z.looseObject({ original_message_id: WamidSchema }),
});

const MessageChangeSchema = z.discriminatedUnion('type', [EditSchema, RevokeSchema]);
type MessageChange = z.infer<typeof MessageChangeSchema>;

/** True for the elements this module parses (whatever their shape); the rest are ordinary messages. */
export function isMessageChange(raw: unknown): boolean {
  const type = (raw as { type?: unknown } | null)?.type;
  return type === 'edit' || type === 'revoke';
}

export function parseMessageChange(raw: unknown): { ok: true; change: MessageChange } | { ok: false; issues: string[] } {
  const parsed = MessageChangeSchema.safeParse(raw);
  if (parsed.success) return { ok: true, change: parsed.data };
  // Paths only, never values: a value may be a customer's words.
  return { ok: false, issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
