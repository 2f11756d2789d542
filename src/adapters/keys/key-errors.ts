import { UNAVAILABLE_DEPENDENCY } from '../../platform/errors';

/**
 * Errors of the key domain. Backends translate every vendor failure (Vault HTTP errors, axios network
 * errors, database errors, node:crypto failures) into one of these at their edge, so callers can branch on
 * the class and never see vendor text. Messages say what to do; they never contain a plaintext, a token,
 * key material or a ciphertext body.
 */
export abstract class KeyError extends Error {
  /** True when the same call may succeed later without any change (the key service was briefly unavailable). */
  abstract readonly retryable: boolean;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Vault is sealed, unreachable, timing out, overloaded (429) or failing (5xx). Nothing was changed. */
export class KeyServiceUnavailableError extends KeyError {
  readonly retryable = true;
  readonly [UNAVAILABLE_DEPENDENCY] = 'The key service';

  constructor(
    message: string,
    /** A short machine-readable reason: `sealed`, `timeout`, `unreachable`, `rate-limited`, `server-error`. */
    readonly reason: string,
    /** The HTTP status when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }

  static sealed(): KeyServiceUnavailableError {
    return new KeyServiceUnavailableError('The key service (Vault) is sealed; unseal it, then retry.', 'sealed', 503);
  }

  static timeout(timeoutMs: number): KeyServiceUnavailableError {
    return new KeyServiceUnavailableError(
      `The key service did not answer within ${timeoutMs} ms; retry, and check Vault's load and VAULT_TIMEOUT_MS.`,
      'timeout',
    );
  }

  static unreachable(code: string | undefined): KeyServiceUnavailableError {
    return new KeyServiceUnavailableError(
      `The key service is unreachable (${code ?? 'network error'}); check VAULT_ADDR and that Vault is running, then retry.`,
      'unreachable',
    );
  }

  static rateLimited(): KeyServiceUnavailableError {
    return new KeyServiceUnavailableError('The key service is rate limiting requests (HTTP 429); retry later.', 'rate-limited', 429);
  }

  static serverError(status: number): KeyServiceUnavailableError {
    return new KeyServiceUnavailableError(
      `The key service failed with HTTP ${status}; retry, and check Vault's own logs if it persists.`,
      'server-error',
      status,
    );
  }

  static database(): KeyServiceUnavailableError {
    return new KeyServiceUnavailableError(
      'The keyring database is unavailable; retry, and check the PostgreSQL connection.',
      'database',
    );
  }
}

/** The Vault token is invalid, expired or revoked, or its policy lacks a capability this operation needs. */
export class KeyPermissionDeniedError extends KeyError {
  readonly retryable = false;

  constructor(
    message: string,
    readonly reason: 'invalid-token' | 'capability',
  ) {
    super(message);
  }

  static invalidToken(): KeyPermissionDeniedError {
    return new KeyPermissionDeniedError(
      'Vault rejected the token (invalid, expired or revoked); issue a new token with the whatsapp-connect policy and set VAULT_TOKEN.',
      'invalid-token',
    );
  }

  static capability(operation: string): KeyPermissionDeniedError {
    return new KeyPermissionDeniedError(
      `Vault denied "${operation}": the token's policy lacks the capability; apply vault/policy.hcl to the token.`,
      'capability',
    );
  }
}

/**
 * The user has no encryption key: never created, or deleted (crypto-shredded). Keys are only ever created
 * explicitly, so an encrypt for a user without a key fails instead of minting a new key.
 */
export class KeyNotFoundError extends KeyError {
  readonly retryable = false;

  static forUser(): KeyNotFoundError {
    return new KeyNotFoundError(
      'This user has no encryption key (never created, or deleted). Create one with ensureUserKey before storing secrets; ' +
        'secrets encrypted under a deleted key are unrecoverable by design.',
    );
  }
}

/** The ciphertext was made with a key version below the key's minimum decryption version. */
export class CiphertextTooOldError extends KeyError {
  readonly retryable = false;

  constructor(readonly version?: number) {
    super(
      `The ciphertext was encrypted with key version ${version ?? '(unknown)'}, below the minimum decryption version. ` +
        'Rewrap ciphertexts before raising the minimum, or lower the minimum again to recover them.',
    );
  }
}

/** Why a ciphertext was rejected; the first ones mirror Vault's own wording. */
export type CiphertextProblem =
  | 'no-prefix'
  | 'wrong-fields'
  | 'bad-version'
  | 'bad-base64'
  | 'too-new'
  | 'bad-length'
  | 'authentication-failed';

const PROBLEM_TEXT: Record<CiphertextProblem, string> = {
  'no-prefix': 'it does not start with "vault:v"',
  'wrong-fields': 'it lacks the ":" after the version',
  'bad-version': 'its version number cannot be decoded',
  'bad-base64': 'its body is not standard base64',
  'too-new': 'its version is newer than the key\'s latest version',
  'bad-length': 'its body is too short to hold a nonce and a tag',
  'authentication-failed': 'it fails authentication (tampered, truncated, or made with another key)',
};

/** The value is not a ciphertext this key can open. It will never decrypt; retrying is pointless. */
export class CiphertextInvalidError extends KeyError {
  readonly retryable = false;

  constructor(readonly problem: CiphertextProblem) {
    super(`Invalid ciphertext: ${PROBLEM_TEXT[problem]}. Re-enter the secret to store it again.`);
  }

  static of(problem: CiphertextProblem): CiphertextInvalidError {
    return new CiphertextInvalidError(problem);
  }
}

/** A version argument is outside what the key allows (above its latest version, or negative). */
export class KeyVersionInvalidError extends KeyError {
  readonly retryable = false;

  static aboveLatest(requested: number, latest: number): KeyVersionInvalidError {
    return new KeyVersionInvalidError(
      `Cannot set the minimum decryption version to ${requested}: the latest key version is ${latest}. Rotate first.`,
    );
  }

  static negative(requested: number): KeyVersionInvalidError {
    return new KeyVersionInvalidError(`Key versions start at 1; ${requested} is not a valid minimum decryption version.`);
  }

  static rejectedByVault(): KeyVersionInvalidError {
    return new KeyVersionInvalidError('Vault rejected the requested key version; read the key info and pick a version it holds.');
  }
}

/** The user id is not a UUID. Key names are derived from it, so anything else is refused before any I/O. */
export class UserIdInvalidError extends KeyError {
  readonly retryable = false;

  constructor() {
    super('A key owner must be identified by a UUID user id.');
  }
}

/** Vault refused the request for a reason none of the other classes covers (a 4xx we do not expect). */
export class KeyRequestRejectedError extends KeyError {
  readonly retryable = false;

  constructor(
    readonly operation: string,
    readonly status: number,
    /** Vault's own message with anything that looks like a ciphertext, token or long base64 run removed. */
    readonly vaultMessage: string,
  ) {
    super(`Vault rejected "${operation}" with HTTP ${status}; see vaultMessage, and check the mount and key settings.`);
  }
}

/** The keyring's master key is missing, malformed, or not the key that wrapped the stored keys. */
export class MasterKeyError extends KeyError {
  readonly retryable = false;

  static missingInProduction(): MasterKeyError {
    return new MasterKeyError(
      'The embedded keyring needs KEYRING_MASTER_KEY in production (32 random bytes, standard base64); ' +
        'a generated key file is only used outside production. Or set VAULT_ADDR to use Vault.',
    );
  }

  static wrongLength(source: string, length: number): MasterKeyError {
    return new MasterKeyError(`The keyring master key from ${source} is ${length} bytes; it must be exactly 32 bytes.`);
  }

  static unreadableFile(file: string): MasterKeyError {
    return new MasterKeyError(
      `The keyring master key file ${file} does not hold 32 bytes in standard base64; restore the original file or set KEYRING_MASTER_KEY.`,
    );
  }

  static mismatch(): MasterKeyError {
    return new MasterKeyError(
      'The keyring master key cannot unwrap this user\'s stored key: it is not the master key the keys were created with. ' +
        'Restore the original KEYRING_MASTER_KEY (or key file); the stored secrets are unreadable without it.',
    );
  }
}

/** One failed item of a batch: its position in the caller's input and the typed reason. */
export interface KeyBatchFailure {
  index: number;
  error: KeyError;
}

/**
 * Some items of a batch failed. `results` holds the successful outputs at their input positions (and
 * `undefined` where the item failed), so the caller can keep the good half of a large rewrap.
 */
export class KeyBatchError<T = string> extends KeyError {
  readonly retryable = false;

  constructor(
    readonly failures: KeyBatchFailure[],
    readonly results: Array<T | undefined>,
  ) {
    const shown = failures.slice(0, 5).map((f) => `#${f.index}: ${f.error.name}`).join(', ');
    const more = failures.length > 5 ? `, and ${failures.length - 5} more` : '';
    super(
      `${failures.length} of ${results.length} batch items failed (${shown}${more}); ` +
        'the other items succeeded and are in `results`. Inspect `failures` for each reason.',
    );
  }
}
