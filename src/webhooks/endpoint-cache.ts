import { LRUCache } from 'lru-cache';

/** The app secret as far as the receiver knows it. */
export type AppSecretState =
  | { kind: 'known'; appSecret: string }
  /** The key service is down: deliveries are stored unverified and checked before processing. */
  | { kind: 'unavailable' }
  /** The secret can never be decrypted (key deleted, ciphertext invalid): every delivery is refused. */
  | { kind: 'unusable' };

/** What the receiver needs to accept a POST for one endpoint, without touching the database. */
export interface EndpointSnapshot {
  endpointId: string;
  credentialId: string;
  /** The credential's row version: the INSERT checks it, so a changed or deleted credential is noticed at once. */
  credentialVersion: number;
  secret: AppSecretState;
  loadedAt: number;
}

export interface EndpointCacheOptions {
  /** How long a decrypted secret may be served from memory; 0 disables the cache. */
  ttlMs: number;
  maxEntries: number;
  load: (endpointKey: string) => Promise<EndpointSnapshot | null>;
  /** Lifetime of an entry whose secret is not known, so a recovered key service is noticed soon. */
  degradedTtlMs?: number;
}

/**
 * Endpoint lookups with their decrypted app secret, kept briefly in memory (bounded, least recently used
 * first out). Concurrent misses for one key share a single load, so a burst of deliveries to a cold
 * endpoint costs one query and one decryption.
 */
export class EndpointCache {
  private readonly entries?: LRUCache<string, EndpointSnapshot>;
  private readonly loading = new Map<string, Promise<EndpointSnapshot | null>>();
  private readonly degradedTtlMs: number;

  constructor(private readonly options: EndpointCacheOptions) {
    this.degradedTtlMs = Math.min(options.degradedTtlMs ?? 5_000, options.ttlMs);
    if (options.ttlMs > 0 && options.maxEntries > 0) {
      this.entries = new LRUCache<string, EndpointSnapshot>({ max: options.maxEntries, ttl: options.ttlMs });
    }
  }

  async get(endpointKey: string): Promise<EndpointSnapshot | null> {
    return this.entries?.get(endpointKey) ?? this.load(endpointKey);
  }

  /** Drops the entry and loads it again (after a stale-version INSERT or a signature mismatch). */
  reload(endpointKey: string): Promise<EndpointSnapshot | null> {
    this.entries?.delete(endpointKey);
    return this.load(endpointKey);
  }

  forget(endpointKey: string): void {
    this.entries?.delete(endpointKey);
  }

  clear(): void {
    this.entries?.clear();
  }

  private load(endpointKey: string): Promise<EndpointSnapshot | null> {
    const pending = this.loading.get(endpointKey);
    if (pending) return pending;
    const promise = this.options
      .load(endpointKey)
      .then((snapshot) => {
        if (snapshot && this.entries) {
          const ttl = snapshot.secret.kind === 'known' ? this.options.ttlMs : this.degradedTtlMs;
          this.entries.set(endpointKey, snapshot, { ttl });
        }
        return snapshot;
      })
      .finally(() => this.loading.delete(endpointKey));
    this.loading.set(endpointKey, promise);
    return promise;
  }
}
