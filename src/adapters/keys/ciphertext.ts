import { CiphertextInvalidError } from './key-errors';

declare const ciphertextBrand: unique symbol;

/**
 * A secret encrypted under one user's key, in Vault transit's format: `vault:v<N>:<base64(nonce ‖ ct ‖ tag)>`.
 * Both backends emit it, so stored values say which key version made them whichever backend is in use.
 * Only `asCiphertext` and the backends create values of this type.
 */
export type Ciphertext = string & { readonly [ciphertextBrand]: true };

export interface ParsedCiphertext {
  /** The key version that encrypted it (Vault reads a legacy `v0` as version 1). */
  version: number;
  /** nonce (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes). */
  body: Buffer;
}

const PREFIX = 'vault:v';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// Strict standard base64 with padding; Buffer.from(…, 'base64') would silently skip invalid characters.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Splits and checks a ciphertext; throws `CiphertextInvalidError` naming the problem, in Vault's order. */
export function parseCiphertext(value: string): ParsedCiphertext {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) throw CiphertextInvalidError.of('no-prefix');
  const rest = value.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon < 0) throw CiphertextInvalidError.of('wrong-fields');
  const versionText = rest.slice(0, colon);
  if (!/^\d{1,9}$/.test(versionText)) throw CiphertextInvalidError.of('bad-version');
  const encoded = rest.slice(colon + 1);
  if (!STRICT_BASE64.test(encoded)) throw CiphertextInvalidError.of('bad-base64');
  const body = Buffer.from(encoded, 'base64');
  if (body.length < NONCE_BYTES + TAG_BYTES) throw CiphertextInvalidError.of('bad-length');
  return { version: Math.max(1, Number(versionText)), body };
}

/** Brands a stored string as a ciphertext after checking its shape (not its authenticity). */
export function asCiphertext(value: string): Ciphertext {
  parseCiphertext(value);
  return value as Ciphertext;
}

/** True when `value` has the ciphertext shape; for telling encrypted values from legacy plaintext. */
export function isCiphertext(value: string): value is Ciphertext {
  try {
    parseCiphertext(value);
    return true;
  } catch {
    return false;
  }
}

export function formatCiphertext(version: number, body: Buffer): Ciphertext {
  return `${PREFIX}${version}:${body.toString('base64')}` as Ciphertext;
}

/** The key version a ciphertext was made with; for deciding what to rewrap before raising the minimum. */
export function keyVersionOf(ciphertext: Ciphertext): number {
  return parseCiphertext(ciphertext).version;
}
