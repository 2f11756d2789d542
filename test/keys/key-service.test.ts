import { randomUUID } from 'node:crypto';
import {
  CiphertextInvalidError,
  CiphertextTooOldError,
  KeyNotFoundError,
} from '../../src/adapters/keys/key-errors';
import { KeyService } from '../../src/adapters/keys/key-service';
import { SecretCache } from '../../src/adapters/keys/secret-cache';
import { VaultTransitBackend } from '../../src/adapters/keys/vault-transit-backend';
import { onDispose } from '../support/leftovers';
import { startVaultTransitServer, type VaultTransitServer } from '../support/vault-transit-server';

const TOKEN = 'hvs.key-service-test-token';

let server: VaultTransitServer;
let now = 0;

beforeAll(async () => {
  server = await startVaultTransitServer({ token: TOKEN, disableUpsert: true });
});

function service(cache = { ttlMs: 60_000, maxEntries: 100 }): KeyService {
  const backend = new VaultTransitBackend({ address: server.address, token: TOKEN, mount: 'transit', keyPrefix: 'wc-', timeoutMs: 5_000 });
  const keys = new KeyService({ backend, cache, now: () => now });
  onDispose(() => keys.close());
  return keys;
}

/** Decrypt requests the backend actually sent for one user (cache misses). */
function decryptCalls(userId: string): number {
  return server.requests.filter((r) => r.path === `transit/decrypt/wc-${userId}`).length;
}

async function userOf(keys: KeyService): Promise<string> {
  const userId = randomUUID();
  await keys.ensureUserKey(userId);
  return userId;
}

beforeEach(() => {
  now = 1_000_000;
});

describe('KeyService secret cache', () => {
  test('a decrypted secret is served from memory until its TTL, then fetched again', async () => {
    const keys = service({ ttlMs: 1_000, maxEntries: 100 });
    const userId = await userOf(keys);
    const ciphertext = await keys.encryptFor(userId, 'token');
    expect(await keys.decryptFor(userId, ciphertext)).toBe('token');
    expect(decryptCalls(userId)).toBe(0); // encryptFor primed the cache
    now += 999;
    expect(await keys.decryptFor(userId, ciphertext)).toBe('token');
    expect(decryptCalls(userId)).toBe(0);
    now += 1;
    expect(await keys.decryptFor(userId, ciphertext)).toBe('token');
    expect(decryptCalls(userId)).toBe(1);
    expect(await keys.decryptFor(userId, ciphertext)).toBe('token');
    expect(decryptCalls(userId)).toBe(1);
  });

  test('the cache is bounded: the least recently used secret is evicted', async () => {
    const keys = service({ ttlMs: 60_000, maxEntries: 2 });
    const userId = await userOf(keys);
    const [a, b, c] = [await keys.encryptFor(userId, 'a'), await keys.encryptFor(userId, 'b'), await keys.encryptFor(userId, 'c')];
    expect(await keys.decryptFor(userId, c)).toBe('c');
    expect(await keys.decryptFor(userId, b)).toBe('b');
    expect(decryptCalls(userId)).toBe(0);
    expect(await keys.decryptFor(userId, a)).toBe('a');
    expect(decryptCalls(userId)).toBe(1);
  });

  test('deleting a user key purges that user\'s cached secrets: nothing is served after the shred', async () => {
    const keys = service();
    const [userId, other] = [await userOf(keys), await userOf(keys)];
    const ciphertext = await keys.encryptFor(userId, 'shred me');
    const kept = await keys.encryptFor(other, 'keep me');
    await keys.deleteUserKey(userId);
    await expect(keys.decryptFor(userId, ciphertext)).rejects.toBeInstanceOf(KeyNotFoundError);
    expect(await keys.decryptFor(other, kept)).toBe('keep me');
    expect(decryptCalls(other)).toBe(0);
  });

  test('raising the minimum decryption version purges the cache, so old ciphertexts stop working at once', async () => {
    const keys = service();
    const userId = await userOf(keys);
    const old = await keys.encryptFor(userId, 'old');
    expect(await keys.decryptFor(userId, old)).toBe('old');
    await keys.rotate(userId);
    const [rewrapped] = await keys.rewrapAll(userId, [old]);
    expect(await keys.raiseMinDecryptionVersion(userId, 2)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    await expect(keys.decryptFor(userId, old)).rejects.toBeInstanceOf(CiphertextTooOldError);
    expect(await keys.decryptFor(userId, rewrapped!)).toBe('old');
  });

  test('raiseMinDecryptionVersion never lowers the minimum', async () => {
    const keys = service();
    const userId = await userOf(keys);
    await keys.rotate(userId);
    await keys.raiseMinDecryptionVersion(userId, 2);
    expect(await keys.raiseMinDecryptionVersion(userId, 1)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    expect(await keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
  });

  test('cached secrets are per user: the same ciphertext presented for another user is not served', async () => {
    const keys = service();
    const [alice, bob] = [await userOf(keys), await userOf(keys)];
    const ciphertext = await keys.encryptFor(alice, 'alice only');
    await expect(keys.decryptFor(bob, ciphertext)).rejects.toBeInstanceOf(CiphertextInvalidError);
  });

  test('a TTL or size of 0 disables the cache', async () => {
    const keys = service({ ttlMs: 0, maxEntries: 100 });
    const userId = await userOf(keys);
    const ciphertext = await keys.encryptFor(userId, 'uncached');
    await keys.decryptFor(userId, ciphertext);
    await keys.decryptFor(userId, ciphertext);
    expect(decryptCalls(userId)).toBe(2);
  });
});

describe('SecretCache', () => {
  test('a result computed before a purge is not cached after it', () => {
    const cache = new SecretCache({ ttlMs: 60_000, maxEntries: 10, now: () => now });
    const epoch = cache.epoch();
    cache.forgetUser('u1');
    cache.set('u1', 'vault:v1:x', 'late plaintext', epoch);
    expect(cache.get('u1', 'vault:v1:x')).toBeUndefined();
    cache.set('u1', 'vault:v1:x', 'fresh plaintext', cache.epoch());
    expect(cache.get('u1', 'vault:v1:x')).toBe('fresh plaintext');
  });

  test('forgetUser drops only that user, and eviction keeps the per-user index consistent', () => {
    const cache = new SecretCache({ ttlMs: 60_000, maxEntries: 2, now: () => now });
    cache.set('u1', 'c1', 'p1', cache.epoch());
    cache.set('u2', 'c2', 'p2', cache.epoch());
    cache.set('u1', 'c3', 'p3', cache.epoch()); // evicts u1/c1
    expect(cache.get('u1', 'c1')).toBeUndefined();
    cache.forgetUser('u1');
    expect(cache.get('u1', 'c3')).toBeUndefined();
    expect(cache.get('u2', 'c2')).toBe('p2');
    expect(cache.size).toBe(1);
  });
});
