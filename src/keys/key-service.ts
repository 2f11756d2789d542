import type { Ciphertext } from './ciphertext';
import type { KeyBackend, KeyInfo } from './key-backend';
import { SecretCache } from './secret-cache';
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

  async encryptFor(userId: string, plaintext: string): Promise<Ciphertext> {
    const id = assertUserId(userId);
    const epoch = this.cache.epoch();
    const ciphertext = await this.backend.encrypt(id, plaintext);
    // The caller is about to store this value and will most likely read it back soon.
    this.cache.set(id, ciphertext, plaintext, epoch);
    return ciphertext;
  }

  async decryptFor(userId: string, ciphertext: Ciphertext): Promise<string> {
    const id = assertUserId(userId);
    const cached = this.cache.get(id, ciphertext);
    if (cached !== undefined) return cached;
    const epoch = this.cache.epoch();
    const plaintext = await this.backend.decrypt(id, ciphertext);
    this.cache.set(id, ciphertext, plaintext, epoch);
    return plaintext;
  }

  async rotate(userId: string): Promise<KeyInfo> {
    const info = await this.backend.rotate(userId);
    this.cache.forgetUser(assertUserId(userId));
    return info;
  }

  /** Moves ciphertexts to the latest key version (in order). Per-item failures throw `KeyBatchError`. */
  async rewrapAll(userId: string, ciphertexts: Ciphertext[]): Promise<Ciphertext[]> {
    const id = assertUserId(userId);
    if (ciphertexts.length === 0) return [];
    return this.backend.rewrap(id, ciphertexts);
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

  info(userId: string): Promise<KeyInfo> {
    return this.backend.keyInfo(userId);
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.backend.close();
  }
}
