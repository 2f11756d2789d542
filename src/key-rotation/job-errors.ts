import { KeyError } from '../adapters/keys';

/**
 * A failure of a key-rotation job, safe to log and to store: pg-boss records the message of whatever a
 * handler throws, and a database error's message can quote SQL parameters (here: ciphertexts).
 */
export class KeyRotationJobError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'KeyRotationJobError';
  }

  static from(error: unknown): KeyRotationJobError {
    if (error instanceof KeyRotationJobError) return error;
    // Our key errors carry messages written to be shown; anything else is named by its class only.
    if (error instanceof KeyError) return new KeyRotationJobError(`${error.name}: ${error.message}`, error.retryable);
    const name = error instanceof Error ? error.name : 'unknown error';
    const code = (error as { code?: unknown } | null)?.code;
    return new KeyRotationJobError(`${name}${typeof code === 'string' ? ` (${code})` : ''}; retried`, true);
  }
}

/**
 * A ciphertext made with a retired version was stored after the minimum decryption version was raised
 * (a write that raced the rotation). The minimum was lowered again so it stays readable; the retry
 * rewraps it.
 */
export class RewrapRaceError extends KeyRotationJobError {
  constructor(stale: number) {
    super(`${stale} ciphertext(s) older than the new key version appeared while retiring old versions; lowered the minimum again and retrying`, true);
    this.name = 'RewrapRaceError';
  }
}
