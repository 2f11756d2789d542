import type { Ciphertext } from './ciphertext';

/** The state of one user's key that callers may act on. */
export interface KeyInfo {
  /** The version new encryptions use. Starts at 1; each rotation adds one. */
  latestVersion: number;
  /** Ciphertexts made with an older version no longer decrypt (until the minimum is lowered again). */
  minDecryptionVersion: number;
}

/** The associated data one ciphertext was made with, and the one its rewrapped form is made with. */
export interface RewrapBinding {
  from?: Buffer;
  to?: Buffer;
}

/**
 * Per-user encryption keys: one named, versioned AES-256-GCM key per user. Implemented by Vault transit
 * (production) and by the embedded PostgreSQL keyring (default without Vault); both emit the same
 * ciphertext format and throw the same `key-errors` classes.
 *
 * No method ever creates a key implicitly: only `ensureKey` does. That is what makes `deleteKey` a real
 * crypto-shred, since a late encrypt cannot bring a deleted user's key back.
 */
export interface KeyBackend {
  readonly kind: 'vault' | 'embedded';

  /** Creates the user's key unless it exists. Idempotent; never changes an existing key. */
  ensureKey(userId: string): Promise<void>;

  /**
   * Encrypts with the latest version. `associatedData` (see `bindingOf`) is authenticated but not stored:
   * the same bytes must be given to decrypt. `KeyNotFoundError` when the user has no key.
   */
  encrypt(userId: string, plaintext: string, associatedData?: Buffer): Promise<Ciphertext>;

  /**
   * `KeyNotFoundError` without a key, `CiphertextTooOldError` below the minimum decryption version,
   * `CiphertextInvalidError` for anything malformed, tampered, made with another key or bound to other
   * associated data (a ciphertext moved from where it was written).
   */
  decrypt(userId: string, ciphertext: Ciphertext, associatedData?: Buffer): Promise<string>;

  /**
   * Re-encrypts each ciphertext with the latest version without exposing plaintext; output order is
   * input order. Per-item failures throw `KeyBatchError` carrying the indexes and the successful results.
   * `bindings[i]` names the associated data item i was made with (`from`) and is to be made with (`to`);
   * without it both are none.
   */
  rewrap(userId: string, ciphertexts: Ciphertext[], bindings?: ReadonlyArray<RewrapBinding | undefined>): Promise<Ciphertext[]>;

  /** Adds a key version; later encryptions use it, older ciphertexts still decrypt. */
  rotate(userId: string): Promise<KeyInfo>;

  /** Sets (Vault semantics: raises or lowers) the minimum decryption version; 0 means 1. */
  setMinDecryptionVersion(userId: string, version: number): Promise<KeyInfo>;

  /** `KeyNotFoundError` when the user has no key. */
  keyInfo(userId: string): Promise<KeyInfo>;

  /** When the latest version was made (creation or last rotation): the key's age. `KeyNotFoundError` without a key. */
  latestVersionCreatedAt(userId: string): Promise<Date>;

  /** Destroys every version of the user's key. Idempotent: a missing key is success. */
  deleteKey(userId: string): Promise<void>;

  /** Releases sockets and caches; the backend is unusable afterwards. */
  close(): Promise<void>;
}
