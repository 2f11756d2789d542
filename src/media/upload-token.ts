import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WhatsAppMediaKind } from '../adapters/whatsapp';

/**
 * The capability in an upload URL: who may upload what, to which number, until when. Signed with the
 * media link key under its own prefix, so an upload token can never pass as a media link or the reverse.
 */
export interface UploadClaims {
  userId: string;
  credentialId: string;
  kind: WhatsAppMediaKind;
  mimeType: string;
  sizeBytes: number;
  fileName: string;
  /** Unix seconds. */
  expiresAt: number;
}

const PREFIX = 'whatsapp-connect upload v1.';

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(PREFIX + payload).digest('base64url');
}

export function signUploadToken(claims: UploadClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

export type UploadVerdict = { ok: true; claims: UploadClaims } | { ok: false; reason: 'tampered' | 'expired' };

export function verifyUploadToken(token: string, secret: string, nowSeconds: number): UploadVerdict {
  const [payload, sig, ...rest] = token.split('.');
  if (!payload || !sig || rest.length > 0) return { ok: false, reason: 'tampered' };
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'tampered' };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as UploadClaims;
  if (claims.expiresAt <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
