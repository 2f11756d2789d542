import {
  CiphertextInvalidError,
  CiphertextTooOldError,
  KeyError,
  KeyNotFoundError,
  KeyPermissionDeniedError,
  KeyRequestRejectedError,
  KeyServiceUnavailableError,
  KeyVersionInvalidError,
  type CiphertextProblem,
} from './key-errors';

/**
 * Translates node-vault failures into key errors. node-vault rejects with `ApiResponseError`
 * (`err.response = { statusCode, body }`) for any status but 200/204, and lets raw axios errors through
 * for network failures. Neither is ever passed on or attached as `cause`: an axios error carries the
 * request config, i.e. the X-Vault-Token header and the JSON body with the base64 plaintext.
 */
export interface TranslationContext {
  /** What we were doing, for messages ("encrypt", "rotate key", ...). */
  operation: string;
  timeoutMs: number;
  /** The version of the ciphertext involved, so "too old" can say which version it was. */
  ciphertextVersion?: number;
}

interface VaultResponseError {
  response: { statusCode: number; body: unknown };
}

function isVaultResponseError(error: unknown): error is VaultResponseError {
  const response = (error as { response?: { statusCode?: unknown } } | null)?.response;
  return typeof response === 'object' && response !== null && typeof response.statusCode === 'number';
}

/** The first entry of Vault's `{"errors":[…]}` envelope, or '' (a 404 read has an empty array). */
function firstVaultError(body: unknown): string {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && typeof errors[0] === 'string' ? errors[0] : '';
}

const CIPHERTEXT_PROBLEMS: Array<[RegExp, CiphertextProblem]> = [
  [/invalid ciphertext: no prefix/, 'no-prefix'],
  [/invalid ciphertext: wrong number of fields/, 'wrong-fields'],
  [/invalid ciphertext: version number could not be decoded/, 'bad-version'],
  [/invalid ciphertext: could not decode base64/, 'bad-base64'],
  [/invalid ciphertext: version is too new/, 'too-new'],
  [/invalid ciphertext length/, 'bad-length'],
  [/message authentication failed/, 'authentication-failed'],
];

// Missing-key wording differs per endpoint: encrypt/decrypt/rewrap, rotate, delete, config, and pre-1.0 Vault.
const KEY_MISSING = /encryption key not found|^key not found$|could not delete key; not found|no existing key named .* could be found|^policy not found$/;

/** Removes anything in a Vault message that could be a ciphertext, a token or key material, and bounds it. */
function sanitizeVaultMessage(message: string): string {
  return message
    .replace(/vault:v\d+:[A-Za-z0-9+/=]*/g, 'vault:v<N>:[redacted]')
    .replace(/\bhv[sbr]\.[A-Za-z0-9_-]+|\bs\.[A-Za-z0-9]{20,}/g, '[redacted-token]')
    .replace(/[A-Za-z0-9+/_-]{24,}={0,2}/g, '[redacted]')
    .slice(0, 300);
}

/** Maps one Vault error message (top-level or a batch item's `error`) with its status to a key error. */
export function translateVaultMessage(status: number, message: string, context: TranslationContext): KeyError {
  if (status === 503 && /Vault is sealed/.test(message)) return KeyServiceUnavailableError.sealed();
  if (status === 429) return KeyServiceUnavailableError.rateLimited();
  if (status >= 500) return KeyServiceUnavailableError.serverError(status);
  if (status === 403) {
    return /invalid token/.test(message)
      ? KeyPermissionDeniedError.invalidToken()
      : KeyPermissionDeniedError.capability(context.operation);
  }
  // A GET of a missing key is a bare 404 `{"errors":[]}`; a 404 with text means the mount or route is wrong.
  if (status === 404 && message === '') return KeyNotFoundError.forUser();
  if (KEY_MISSING.test(message)) return KeyNotFoundError.forUser();
  if (/disallowed by policy \(too old\)/.test(message)) return new CiphertextTooOldError(context.ciphertextVersion);
  for (const [pattern, problem] of CIPHERTEXT_PROBLEMS) {
    if (pattern.test(message)) return CiphertextInvalidError.of(problem);
  }
  if (/cannot set min decryption version|min decryption version cannot be negative/.test(message)) {
    return KeyVersionInvalidError.rejectedByVault();
  }
  return new KeyRequestRejectedError(context.operation, status, sanitizeVaultMessage(message));
}

/** Translates anything node-vault rejected with. Never returns the original error or any of its fields. */
export function translateVaultError(error: unknown, context: TranslationContext): KeyError {
  if (error instanceof KeyError) return error;
  if (isVaultResponseError(error)) {
    return translateVaultMessage(error.response.statusCode, firstVaultError(error.response.body), context);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return KeyServiceUnavailableError.timeout(context.timeoutMs);
    return KeyServiceUnavailableError.unreachable(typeof code === 'string' ? code : undefined);
  }
  // node-vault rejects with a bare tv4 validation object when its own argument schema fails.
  return new KeyRequestRejectedError(context.operation, 0, 'node-vault refused the request arguments');
}
