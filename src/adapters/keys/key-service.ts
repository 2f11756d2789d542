import type { Ciphertext } from './ciphertext';
import type { KeyBackend, KeyInfo } from './key-backend';
import { SecretCache } from './secret-cache';
import { bindingOf, type SecretLocation } from './secret-binding';
import { assertUserId } from './user-id';

export interface KeyServiceOptions {
  backend: KeyBackend;
  /** Usually `config.secretCache`. */
  cache: { ttlMs: number; maxEntries: number };
  /** Milliseconds clock for the cache; tests inject one. */
  now?: () => number;
}

/**
 * The one entry point other modules use for users' secrets: per-user encryption through the configured
 * backend, plus a short-lived in-memory cache of decrypted values. Errors are the `key-errors` classes.
 *
 * The cache is per process: a key deleted through another instance stops decrypting there at once, but
 * this instance may serve an already-cached secret until its TTL (SECRET_CACHE_TTL_MS) runs out.
 */
export class KeyService {
  private readonly backend: KeyBackend;
  private readonly cache: SecretCache;

  constructor(options: KeyServiceOptions) {
    this.backend = options.backend;
    this.cache = new SecretCache({ ...options.cache, now: options.now });
  }

  get backendKind(): KeyBackend['kind'] {
    return this.backend.kind;
  }

  /** Creates the user's key if missing; call before the first `encryptFor` (e.g. when connecting an account). */
  ensureUserKey(userId: string): Promise<void> {
    return this.backend.ensureKey(userId);
  }

  /**
   * Encrypts for the user, bound to `location` when given (see `bindingOf`): the result then decrypts only
   * when read back for that same user and location.
   */
  async encryptFor(userId: string, plaintext: string, location?: SecretLocation): Promise<Ciphertext> {
    const id = assertUserId(userId);
    const binding = location ? bindingOf(id, location) : undefined;
    const epoch = this.cache.epoch();
    const ciphertext = await this.backend.encrypt(id, plaintext, binding);
    // The caller is about to store this value and will most likely read it back soon.
    this.cache.set(id, cacheKeyOf(ciphertext, binding), plaintext, epoch);
    return ciphertext;
  }

  /** `CiphertextInvalidError` when the ciphertext was made for another location (or none, or tampered). */
  async decryptFor(userId: string, ciphertext: Ciphertext, location?: SecretLocation): Promise<string> {
    const id = assertUserId(userId);
    const binding = location ? bindingOf(id, location) : undefined;
    // The binding is part of the cache key: a ciphertext copied to another column must miss the cache
    // and fail authentication, not be served the plaintext it had where it was written.
    const key = cacheKeyOf(ciphertext, binding);
    const cached = this.cache.get(id, key);
    if (cached !== undefined) return cached;
    const epoch = this.cache.epoch();
    const plaintext = await this.backend.decrypt(id, ciphertext, binding);
    this.cache.set(id, key, plaintext, epoch);
    return plaintext;
  }

  async rotate(userId: string): Promise<KeyInfo> {
    const info = await this.backend.rotate(userId);
    this.cache.forgetUser(assertUserId(userId));
    return info;
  }

  /**
   * Moves ciphertexts to the latest key version (in order). `bindings[i]` says where item i is bound now
   * (`from`) and is to be bound (`to`); binding an unbound value is a rewrap from nowhere to its location.
   * Per-item failures throw `KeyBatchError`.
   */
  async rewrapAll(
    userId: string,
    ciphertexts: Ciphertext[],
    bindings?: ReadonlyArray<{ from?: SecretLocation; to?: SecretLocation } | undefined>,
  ): Promise<Ciphertext[]> {
    const id = assertUserId(userId);
    if (ciphertexts.length === 0) return [];
    const associated = bindings?.map((binding) => ({
      from: binding?.from ? bindingOf(id, binding.from) : undefined,
      to: binding?.to ? bindingOf(id, binding.to) : undefined,
    }));
    return this.backend.rewrap(id, ciphertexts, associated);
  }

  /**
   * Raises the minimum decryption version; older ciphertexts stop decrypting. Never lowers it, so a retry
   * or a stale caller cannot re-enable old versions. Rewrap first (`rewrapAll`).
   */
  async raiseMinDecryptionVersion(userId: string, version: number): Promise<KeyInfo> {
    const current = await this.backend.keyInfo(userId);
    if (version <= current.minDecryptionVersion) return current;
    const info = await this.backend.setMinDecryptionVersion(userId, version);
    this.cache.forgetUser(assertUserId(userId));
    return info;
  }

  /**
   * Lowers the minimum decryption version again, for the one case that needs it: a ciphertext made with
   * an older version was stored after the minimum was raised (a write that raced a rotation). The key
   * versions still exist, so lowering makes that ciphertext readable again until it is rewrapped.
   */
  async lowerMinDecryptionVersion(userId: string, version: number): Promise<KeyInfo> {
    const current = await this.backend.keyInfo(userId);
    if (version >= current.minDecryptionVersion) return current;
    const info = await this.backend.setMinDecryptionVersion(userId, version);
    this.cache.forgetUser(assertUserId(userId));
    return info;
  }

  /** Crypto-shreds the user's key: every secret ever encrypted for them becomes unrecoverable. Idempotent. */
  async deleteUserKey(userId: string): Promise<void> {
    const id = assertUserId(userId);
    try {
      await this.backend.deleteKey(id);
    } finally {
      this.cache.forgetUser(id);
    }
  }

  /** When the user's latest key version was made: rotation at a maximum age compares against it. */
  latestVersionCreatedAt(userId: string): Promise<Date> {
    return this.backend.latestVersionCreatedAt(userId);
  }

  /**
   * Embedded keyring only: re-wraps stored key versions still wrapped by a previous master key
   * (KEYRING_PREVIOUS_MASTER_KEYS) under the current one. Vault keeps its own keys: nothing to do there.
   */
  async rewrapUnderCurrentMasterKey(): Promise<{ rewrapped: number; unreadable: number }> {
    const backend = this.backend as KeyBackend & { rewrapUnderCurrentMasterKey?: () => Promise<{ rewrapped: number; unreadable: number }> };
    return backend.rewrapUnderCurrentMasterKey ? backend.rewrapUnderCurrentMasterKey() : { rewrapped: 0, unreadable: 0 };
  }

  info(userId: string): Promise<KeyInfo> {
    return this.backend.keyInfo(userId);
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.backend.close();
  }
}

function cacheKeyOf(ciphertext: Ciphertext, binding: Buffer | undefined): string {
  return binding ? `${ciphertext}\u0000${binding.toString('base64')}` : ciphertext;
}
