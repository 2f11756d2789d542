import { z } from 'zod';

/**
 * Recipient numbers. Meta recommends `+` and the country code in `to`: without the `+` it prefixes the
 * *business* number's country code, which can reach the wrong person (docs/whatsapp-cloud-api.md §8). So the
 * only form we send is `+<digits>`, and digits without a `+` are accepted only through `fromWaId`, for
 * numbers that came from Meta itself (webhook `from`, `wa_id`), which always include the country code.
 */

/** `+` then 8 to 15 digits, the first not 0 (ITU-T E.164 allows at most 15 digits). */
export type E164PhoneNumber = string & z.$brand<'E164PhoneNumber'>;

/** A business-scoped user ID (`US.13491208655302741918`): an opaque identity, never a phone number (§3.3). */
export type Bsuid = string & z.$brand<'Bsuid'>;

export type Recipient = { kind: 'phone'; to: E164PhoneNumber } | { kind: 'bsuid'; recipient: Bsuid };

export class InvalidPhoneNumberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPhoneNumberError';
  }
}

const E164 = /^\+[1-9]\d{7,14}$/;
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
// Separators Meta accepts in `to` (docs/whatsapp-cloud-api.md §8): spaces, hyphens and parentheses; dots are
// not among them but are common, so they are dropped too.
const SEPARATORS = /[\s\-().\u00a0]/g;

export function isE164(value: string): value is E164PhoneNumber {
  return E164.test(value);
}

export function isBsuid(value: string): value is Bsuid {
  return BSUID.test(value);
}

/**
 * Parses a number typed by a person into `+<digits>`. The `+` and the country code are required: a number
 * without them is ambiguous and is refused rather than guessed.
 */
export function parseE164(input: string): E164PhoneNumber {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00')) {
    throw new InvalidPhoneNumberError('A phone number must start with + and the country code, e.g. +5511987654321.');
  }
  const digitsPart = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const compact = digitsPart.replace(SEPARATORS, '');
  if (!isE164(compact)) {
    throw new InvalidPhoneNumberError('A phone number must be + followed by 8 to 15 digits, the first not 0.');
  }
  return compact;
}

export function tryParseE164(input: string): E164PhoneNumber | null {
  try {
    return parseE164(input);
  } catch {
    return null;
  }
}

/** Turns Meta's digits-only form (`from`, `wa_id`, `recipient_id`) into `+<digits>`. */
export function fromWaId(waId: string): E164PhoneNumber {
  const candidate = `+${waId.trim()}`;
  if (!isE164(candidate)) throw new InvalidPhoneNumberError('A wa_id must be 8 to 15 digits with the country code.');
  return candidate;
}

/** Meta's digits-only form of a number, as it appears in webhooks and send responses. */
export function toWaId(phone: E164PhoneNumber): string {
  return phone.slice(1);
}

export function parseBsuid(input: string): Bsuid {
  const trimmed = input.trim();
  if (!isBsuid(trimmed)) {
    throw new InvalidPhoneNumberError('A business-scoped user ID looks like US.13491208655302741918.');
  }
  return trimmed;
}

/** Accepts either a phone number (with `+`) or a BSUID, which is sent in `recipient` instead of `to` (§3.3). */
export function parseRecipient(input: string): Recipient {
  const trimmed = input.trim();
  if (isBsuid(trimmed)) return { kind: 'bsuid', recipient: trimmed };
  return { kind: 'phone', to: parseE164(trimmed) };
}
