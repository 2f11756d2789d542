import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Hub-Signature-256` (docs/whatsapp-cloud-api.md §3.2): `sha256=` + lowercase hex HMAC-SHA256 of the raw
 * request bytes, keyed with the app secret. The HMAC must be computed over the bytes exactly as received:
 * Meta signs an escaped-Unicode serialisation, so re-serialised JSON hashes differently (non-ASCII text, `@`…).
 */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;

export function signWebhookBody(appSecret: string, rawBody: Buffer | string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * Fails closed: a missing secret, a missing or malformed header, or a digest of the wrong length is a
 * mismatch. The comparison of well-formed digests is constant-time.
 */
export function verifyWebhookSignature(
  appSecret: string,
  rawBody: Buffer | string,
  headerValue: string | readonly string[] | undefined | null,
): boolean {
  if (!appSecret || typeof headerValue !== 'string') return false;
  const value = headerValue.trim();
  if (value.slice(0, PREFIX.length).toLowerCase() !== PREFIX) return false;
  const received = value.slice(PREFIX.length);
  if (!HEX_DIGEST.test(received)) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(received, 'hex'));
}
