import { PublicError } from '../platform/errors';

/**
 * What a customer's text asks of the number's opt-out list. Only a message that is the keyword and
 * nothing else counts ("stop sending me offers" is a conversation, not an opt-out), in any case, with
 * surrounding spaces ignored: the convention of SMS short codes that customers carry over to WhatsApp.
 */
export type ConsentChange = 'opt_out' | 'opt_in';

const DEFAULT_OPT_OUT: readonly string[] = ['stop', 'unsubscribe'];
const DEFAULT_OPT_IN: readonly string[] = ['start'];

/** An agent's own keywords (stored lowercase); null for either list keeps the defaults. */
export interface ConsentKeywords {
  optOutKeywords: readonly string[] | null;
  optInKeywords: readonly string[] | null;
}

/** Limits of an agent's own keyword lists: short enough to be a whole message, few enough to check at once. */
const MAX_KEYWORD_LENGTH = 32;
const MAX_KEYWORDS = 10;

/**
 * Null for anything but an exact keyword; costs a trim and a lowercase, and only on short texts. The
 * agent's own lists replace the defaults (each list on its own); without them STOP and UNSUBSCRIBE opt
 * out and START opts in.
 */
export function consentChangeOf(message: { type: string; text?: { body?: unknown } }, keywords?: ConsentKeywords | null): ConsentChange | null {
  if (message.type !== 'text') return null;
  const body = message.text?.body;
  if (typeof body !== 'string' || body.length > MAX_KEYWORD_LENGTH + 64) return null;
  const word = body.trim().toLowerCase();
  if (word.length > MAX_KEYWORD_LENGTH) return null;
  if ((keywords?.optOutKeywords ?? DEFAULT_OPT_OUT).includes(word)) return 'opt_out';
  if ((keywords?.optInKeywords ?? DEFAULT_OPT_IN).includes(word)) return 'opt_in';
  return null;
}

/**
 * An owner's keyword list as stored: trimmed, lowercase (matching ignores case), no duplicates; 1 to 10
 * keywords of 1 to 32 characters without line breaks. Null (or undefined) stays as given: the defaults.
 * Refusals are BAD_USER_INPUT naming `field`.
 */
export function normalizeKeywords(list: readonly string[] | null | undefined, field: string): string[] | null | undefined {
  if (list == null) return list;
  if (list.length === 0 || list.length > MAX_KEYWORDS) throw PublicError.badInput(field, `Give 1 to ${MAX_KEYWORDS} keywords, or null for the defaults.`);
  const words = list.map((raw) => raw.trim().toLowerCase());
  for (const word of words) {
    if (word.length === 0 || word.length > MAX_KEYWORD_LENGTH) throw PublicError.badInput(field, `A keyword is 1 to ${MAX_KEYWORD_LENGTH} characters.`);
    if (/[\r\n\t]/.test(word)) throw PublicError.badInput(field, 'A keyword is one line of text.');
  }
  return [...new Set(words)];
}

/** The two lists of an agent may not share a keyword: one message cannot both opt out and opt in. */
export function assertDistinctKeywords(keywords: ConsentKeywords, field: string): void {
  const optIn = new Set(keywords.optInKeywords ?? DEFAULT_OPT_IN);
  const shared = (keywords.optOutKeywords ?? DEFAULT_OPT_OUT).find((word) => optIn.has(word));
  if (shared) throw PublicError.badInput(field, `"${shared}" cannot be both an opt-out and an opt-in keyword.`);
}
