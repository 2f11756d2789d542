/**
 * What a customer's text asks of the number's opt-out list. Only a message that is the keyword and
 * nothing else counts ("stop sending me offers" is a conversation, not an opt-out), in any case, with
 * surrounding spaces ignored: the convention of SMS short codes that customers carry over to WhatsApp.
 */
export type ConsentChange = 'opt_out' | 'opt_in';

const KEYWORDS: ReadonlyMap<string, ConsentChange> = new Map([
  ['stop', 'opt_out'],
  ['unsubscribe', 'opt_out'],
  ['start', 'opt_in'],
]);

/** Null for anything but an exact keyword; costs a trim and a lowercase, and only on short texts. */
export function consentChangeOf(message: { type: string; text?: { body?: unknown } }): ConsentChange | null {
  if (message.type !== 'text') return null;
  const body = message.text?.body;
  if (typeof body !== 'string' || body.length > 32) return null;
  return KEYWORDS.get(body.trim().toLowerCase()) ?? null;
}
