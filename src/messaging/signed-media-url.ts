import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to an inbound message's media, served by the plugin. The agent runtime gets
 * such a link instead of Meta's media id, so it never needs (or sees) the owner's access token; the
 * signature binds the link to one message, one user and one expiry, so it cannot be re-aimed or
 * extended.
 */

export const DEFAULT_MEDIA_URL_TTL_SECONDS = 15 * 60;

export interface MediaUrlClaims {
  messageId: string;
  userId: string;
  /** Unix seconds after which the link is refused. */
  expiresAt: number;
}

export type MediaUrlVerdict =
  | { ok: true; claims: MediaUrlClaims }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

// The fields are joined with a separator that cannot occur in a uuid or in decimal digits, so two
// different claim sets can never produce the same signed string.
function signedString(claims: MediaUrlClaims): string {
  return `${claims.messageId}\n${claims.userId}\n${claims.expiresAt}`;
}

export function mediaUrlSignature(claims: MediaUrlClaims, secret: string): string {
  return createHmac('sha256', secret).update(signedString(claims)).digest('base64url');
}

export function signMediaPath(
  claims: Omit<MediaUrlClaims, 'expiresAt'>,
  secret: string,
  nowSeconds: number,
  ttlSeconds: number = DEFAULT_MEDIA_URL_TTL_SECONDS,
): string {
  const expiresAt = nowSeconds + ttlSeconds;
  const sig = mediaUrlSignature({ ...claims, expiresAt }, secret);
  return `/media/${encodeURIComponent(claims.messageId)}?u=${encodeURIComponent(claims.userId)}&exp=${expiresAt}&sig=${sig}`;
}

export function verifyMediaUrl(
  params: { messageId: string; userId: string | null; exp: string | null; sig: string | null },
  secret: string,
  nowSeconds: number,
): MediaUrlVerdict {
  const { messageId, userId, exp, sig } = params;
  if (!userId || !exp || !sig || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: 'malformed' };
  const claims: MediaUrlClaims = { messageId, userId, expiresAt: Number(exp) };
  const expected = Buffer.from(mediaUrlSignature(claims, secret));
  const given = Buffer.from(sig);
  // Checked before expiry so a forged link learns nothing about whether its expiry was plausible.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'tampered' };
  }
  if (claims.expiresAt <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
