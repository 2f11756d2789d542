import { LRUCache } from 'lru-cache';

export interface SecretCacheOptions {
  /** How long a decrypted secret may be served from memory. 0 disables the cache. */
  ttlMs: number;
  /** Upper bound on cached secrets (least recently used go first). 0 disables the cache. */
  maxEntries: number;
  /** Milliseconds clock; injectable so tests can expire entries without waiting. */
  now?: () => number;
}

interface Entry {
  userId: string;
  plaintext: string;
  expiresAt: number;
}

/**
 * Decrypted secrets kept in process memory for a short time, so hot paths (sending a message, verifying a
 * webhook) do not call the key backend each time. Never serialised, logged or shared between processes.
 *
 * Purges bump an epoch: a decrypt that started before a purge (for example a key deletion) must not put
 * its result into the cache afterwards, so `set` takes the epoch read when the operation began.
 */
export class SecretCache {
  private readonly entries?: LRUCache<string, Entry>;
  private readonly keysByUser = new Map<string, Set<string>>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private epochCounter = 0;

  constructor(options: SecretCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
    if (options.ttlMs > 0 && options.maxEntries > 0) {
      this.entries = new LRUCache<string, Entry>({
        max: options.maxEntries,
        dispose: (entry, key, reason) => {
          // 'set' replaces the value under the same key, which stays indexed.
          if (reason !== 'set') this.unindex(entry.userId, key);
        },
      });
    }
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** The current epoch; pass it back to `set` for results of work started now. */
  epoch(): number {
    return this.epochCounter;
  }

  get(userId: string, ciphertext: string): string | undefined {
    const key = cacheKey(userId, ciphertext);
    const entry = this.entries?.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries!.delete(key);
      return undefined;
    }
    return entry.plaintext;
  }

  set(userId: string, ciphertext: string, plaintext: string, startedAtEpoch: number): void {
    if (!this.entries || startedAtEpoch !== this.epochCounter) return;
    const key = cacheKey(userId, ciphertext);
    this.entries.set(key, { userId, plaintext, expiresAt: this.now() + this.ttlMs });
    let keys = this.keysByUser.get(userId);
    if (!keys) this.keysByUser.set(userId, (keys = new Set()));
    keys.add(key);
  }

  /** Drops every cached secret of one user (after rotation, a raised minimum, or deletion). */
  forgetUser(userId: string): void {
    this.epochCounter += 1;
    const keys = this.keysByUser.get(userId);
    if (!keys) return;
    for (const key of [...keys]) this.entries?.delete(key);
    this.keysByUser.delete(userId);
  }

  clear(): void {
    this.epochCounter += 1;
    this.entries?.clear();
    this.keysByUser.clear();
  }

  private unindex(userId: string, key: string): void {
    const keys = this.keysByUser.get(userId);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.keysByUser.delete(userId);
  }
}

function cacheKey(userId: string, ciphertext: string): string {
  return `${userId}\u0000${ciphertext}`;
}
