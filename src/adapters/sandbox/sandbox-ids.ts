import { randomBytes, randomInt } from 'node:crypto';

/** Generators for the opaque values Meta hands out. None of them carries meaning; all are random. */

/** A numeric Graph ID of 15 digits, like Meta's app, WABA and phone-number IDs. */
export function newGraphId(): string {
  return `${randomInt(1, 10)}${randomInt(0, 1e7).toString().padStart(7, '0')}${randomInt(0, 1e7).toString().padStart(7, '0')}`;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

/** An access token shaped like Meta's (`EAAG` + ~180 alphanumerics). */
export function newAccessToken(): string {
  return `EAAG${alnum(180)}`;
}

/** A 32-hex-digit app secret, the format of Meta's. */
export function newAppSecret(): string {
  return randomBytes(16).toString('hex');
}

/** `fbtrace_id`s are short opaque strings attached to every Graph error. */
export function newTraceId(): string {
  return alnum(27);
}

let wamidCounter = 0;
const wamidPrefix = randomBytes(6).toString('hex');

/**
 * A `wamid.` followed by base64, like Meta's. A process-wide counter plus a random prefix keeps them
 * unique without a random draw per message (the simulator must sustain thousands of sends per second).
 */
export function newWamid(recipientDigits: string): string {
  wamidCounter = (wamidCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `wamid.${Buffer.from(`HBg${recipientDigits}\u0015\u0002\u0000${wamidPrefix}${wamidCounter.toString(16)}`).toString('base64')}`;
}

/** A random verification challenge for the `hub.challenge` handshake. */
export function newChallenge(): string {
  return randomInt(1e9, 2 ** 31 - 1).toString();
}

/**
 * A test phone number in the +1 555 range, formatted as the phone-number API shows it
 * (docs/whatsapp-cloud-api.md §1.2).
 */
export function newDisplayPhoneNumber(): string {
  const line = randomInt(0, 10_000).toString().padStart(4, '0');
  const exchange = randomInt(0, 1000).toString().padStart(3, '0');
  return `+1 555-${exchange}-${line}`;
}
