import { randomUUID } from 'node:crypto';
import { keyVersionOf, type Ciphertext } from '../../src/adapters/keys/ciphertext';
import type { KeyBackend } from '../../src/adapters/keys/key-backend';
import {
  CiphertextInvalidError,
  CiphertextTooOldError,
  KeyBatchError,
  KeyNotFoundError,
  KeyVersionInvalidError,
  UserIdInvalidError,
} from '../../src/adapters/keys/key-errors';

/** Flips one bit in the middle of the ciphertext body; the result still has a valid shape. */
export function tamper(ciphertext: Ciphertext): Ciphertext {
  const [, version, body] = /^vault:v(\d+):(.*)$/.exec(ciphertext)!;
  const bytes = Buffer.from(body!, 'base64');
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  return `vault:v${version}:${bytes.toString('base64')}` as Ciphertext;
}

const SECRETS = [
  'EAAG-access-token-1234567890',
  'ünïcödé — 日本語のシークレット — 🔐🚀',
  'x'.repeat(4096),
  ' leading and trailing spaces ',
];

/**
 * The behaviour every key backend must share, run against Vault transit (test server and, when
 * configured, a real Vault) and against the embedded keyring. `backend()` is read lazily, so the caller
 * may build the backend in its own beforeAll.
 */
export function defineKeyBackendContract(backend: () => KeyBackend): void {
  async function userWithKey(): Promise<string> {
    const userId = randomUUID();
    await backend().ensureKey(userId);
    return userId;
  }

  describe('encryption', () => {
    test('round-trips ASCII, unicode, long and whitespace-padded secrets', async () => {
      const userId = await userWithKey();
      for (const secret of SECRETS) {
        const ciphertext = await backend().encrypt(userId, secret);
        expect(ciphertext).toMatch(/^vault:v1:[A-Za-z0-9+/]+=*$/);
        expect(ciphertext).not.toContain(secret);
        expect(await backend().decrypt(userId, ciphertext)).toBe(secret);
      }
    });

    test('encrypting the same secret twice gives different ciphertexts (random nonce)', async () => {
      const userId = await userWithKey();
      const [a, b] = [await backend().encrypt(userId, 'same'), await backend().encrypt(userId, 'same')];
      expect(a).not.toBe(b);
    });

    test('ensureKey is idempotent and never resets an existing key', async () => {
      const userId = await userWithKey();
      const before = await backend().encrypt(userId, 'kept');
      await backend().rotate(userId);
      await backend().ensureKey(userId);
      expect(await backend().keyInfo(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 1 });
      expect(await backend().decrypt(userId, before)).toBe('kept');
    });

    test('a user without a key gets KeyNotFoundError, and no key is created', async () => {
      const userId = randomUUID();
      await expect(backend().encrypt(userId, 'secret')).rejects.toBeInstanceOf(KeyNotFoundError);
      await expect(backend().keyInfo(userId)).rejects.toBeInstanceOf(KeyNotFoundError);
      await expect(backend().rotate(userId)).rejects.toBeInstanceOf(KeyNotFoundError);
      await expect(backend().setMinDecryptionVersion(userId, 1)).rejects.toBeInstanceOf(KeyNotFoundError);
      await expect(backend().keyInfo(userId)).rejects.toBeInstanceOf(KeyNotFoundError);
    });

    test('decrypting for a user without a key is KeyNotFoundError', async () => {
      const owner = await userWithKey();
      const ciphertext = await backend().encrypt(owner, 'secret');
      await expect(backend().decrypt(randomUUID(), ciphertext)).rejects.toBeInstanceOf(KeyNotFoundError);
    });

    test("another user's ciphertext does not decrypt under my key", async () => {
      const [alice, bob] = [await userWithKey(), await userWithKey()];
      const ciphertext = await backend().encrypt(alice, 'alice only');
      await expect(backend().decrypt(bob, ciphertext)).rejects.toMatchObject({
        constructor: CiphertextInvalidError,
        problem: 'authentication-failed',
      });
    });

    test('user ids must be UUIDs', async () => {
      for (const bad of ['', 'not-a-uuid', '../keys/other', `${randomUUID()}/rotate`]) {
        await expect(backend().ensureKey(bad)).rejects.toBeInstanceOf(UserIdInvalidError);
        await expect(backend().encrypt(bad, 'x')).rejects.toBeInstanceOf(UserIdInvalidError);
      }
    });
  });

  describe('invalid ciphertexts', () => {
    test('a tampered ciphertext is CiphertextInvalidError (authentication failed)', async () => {
      const userId = await userWithKey();
      const ciphertext = await backend().encrypt(userId, 'secret');
      await expect(backend().decrypt(userId, tamper(ciphertext))).rejects.toMatchObject({
        constructor: CiphertextInvalidError,
        problem: 'authentication-failed',
      });
    });

    test.each([
      ['no prefix', 'abc', 'no-prefix'],
      ['missing version separator', 'vault:v1', 'wrong-fields'],
      ['non-numeric version', 'vault:vX:AAAA', 'bad-version'],
      ['bad base64', 'vault:v1:not base64!', 'bad-base64'],
      ['too short', `vault:v1:${Buffer.alloc(8).toString('base64')}`, 'bad-length'],
    ])('%s is CiphertextInvalidError', async (_label, value, problem) => {
      const userId = await userWithKey();
      await expect(backend().decrypt(userId, value as Ciphertext)).rejects.toMatchObject({
        constructor: CiphertextInvalidError,
        problem,
      });
    });

    test('a version newer than the key is CiphertextInvalidError (too new)', async () => {
      const userId = await userWithKey();
      const ciphertext = await backend().encrypt(userId, 'secret');
      const fromTheFuture = ciphertext.replace(/^vault:v1:/, 'vault:v7:') as Ciphertext;
      await expect(backend().decrypt(userId, fromTheFuture)).rejects.toMatchObject({
        constructor: CiphertextInvalidError,
        problem: 'too-new',
      });
    });
  });

  describe('rotation', () => {
    test('rotate adds a version; new ciphertexts use it and old ones still decrypt', async () => {
      const userId = await userWithKey();
      const old = await backend().encrypt(userId, 'before rotation');
      expect(await backend().rotate(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 1 });
      const fresh = await backend().encrypt(userId, 'after rotation');
      expect(keyVersionOf(old)).toBe(1);
      expect(keyVersionOf(fresh)).toBe(2);
      expect(await backend().decrypt(userId, old)).toBe('before rotation');
      expect(await backend().decrypt(userId, fresh)).toBe('after rotation');
    });

    test('rewrap moves ciphertexts to the latest version, in order, keeping their plaintext', async () => {
      const userId = await userWithKey();
      const originals = await Promise.all(['a', 'b', 'c'].map((s) => backend().encrypt(userId, s)));
      await backend().rotate(userId);
      await backend().rotate(userId);
      const rewrapped = await backend().rewrap(userId, originals);
      expect(rewrapped.map(keyVersionOf)).toEqual([3, 3, 3]);
      expect(await Promise.all(rewrapped.map((c) => backend().decrypt(userId, c)))).toEqual(['a', 'b', 'c']);
    });

    test('rewrap handles batches larger than one request chunk', async () => {
      const userId = await userWithKey();
      const plaintexts = Array.from({ length: 130 }, (_, i) => `secret-${i}`);
      const originals: Ciphertext[] = [];
      for (const p of plaintexts) originals.push(await backend().encrypt(userId, p));
      await backend().rotate(userId);
      const rewrapped = await backend().rewrap(userId, originals);
      expect(rewrapped).toHaveLength(130);
      expect(await backend().decrypt(userId, rewrapped[129]!)).toBe('secret-129');
      expect(await backend().decrypt(userId, rewrapped[0]!)).toBe('secret-0');
    });

    test('rewrap of an empty list is an empty list', async () => {
      const userId = await userWithKey();
      expect(await backend().rewrap(userId, [])).toEqual([]);
    });

    test('raising the minimum decryption version makes older ciphertexts CiphertextTooOldError', async () => {
      const userId = await userWithKey();
      const old = await backend().encrypt(userId, 'old');
      await backend().rotate(userId);
      const fresh = await backend().encrypt(userId, 'fresh');
      expect(await backend().setMinDecryptionVersion(userId, 2)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
      await expect(backend().decrypt(userId, old)).rejects.toMatchObject({ constructor: CiphertextTooOldError, version: 1 });
      expect(await backend().decrypt(userId, fresh)).toBe('fresh');
      // The minimum is a policy, not erasure: lowering it again brings the old version back (as in Vault).
      await backend().setMinDecryptionVersion(userId, 1);
      expect(await backend().decrypt(userId, old)).toBe('old');
    });

    test('the minimum decryption version cannot pass the latest version', async () => {
      const userId = await userWithKey();
      await expect(backend().setMinDecryptionVersion(userId, 5)).rejects.toBeInstanceOf(KeyVersionInvalidError);
      expect(await backend().setMinDecryptionVersion(userId, 0)).toEqual({ latestVersion: 1, minDecryptionVersion: 1 });
    });

    test('a batch rewrap with bad items fails with KeyBatchError naming each index and keeping the rest', async () => {
      const userId = await userWithKey();
      const tooOld = await backend().encrypt(userId, 'v1');
      await backend().rotate(userId);
      const good = await backend().encrypt(userId, 'v2');
      await backend().rotate(userId);
      await backend().setMinDecryptionVersion(userId, 2);
      const input = [good, tamper(good), good, tooOld];

      const error = await backend().rewrap(userId, input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KeyBatchError);
      const batch = error as KeyBatchError<Ciphertext>;
      expect(batch.failures.map((f) => [f.index, f.error.constructor])).toEqual([
        [1, CiphertextInvalidError],
        [3, CiphertextTooOldError],
      ]);
      expect(batch.results).toHaveLength(4);
      expect(batch.results[1]).toBeUndefined();
      expect(keyVersionOf(batch.results[0]!)).toBe(3);
      expect(await backend().decrypt(userId, batch.results[2]!)).toBe('v2');
      expect(batch.message).not.toContain(good);
    });

    test('rewrap for a user without a key is KeyNotFoundError', async () => {
      const owner = await userWithKey();
      const ciphertext = await backend().encrypt(owner, 'x');
      await expect(backend().rewrap(randomUUID(), [ciphertext])).rejects.toBeInstanceOf(KeyNotFoundError);
    });
  });

  describe('deletion (crypto-shredding)', () => {
    test('after deletion nothing decrypts, and encrypt does not resurrect the key', async () => {
      const userId = await userWithKey();
      const ciphertext = await backend().encrypt(userId, 'shred me');
      await backend().rotate(userId);
      await backend().deleteKey(userId);
      await expect(backend().decrypt(userId, ciphertext)).rejects.toBeInstanceOf(KeyNotFoundError);
      await expect(backend().encrypt(userId, 'new secret')).rejects.toBeInstanceOf(KeyNotFoundError);
      await expect(backend().keyInfo(userId)).rejects.toBeInstanceOf(KeyNotFoundError);
    });

    test('deletion is idempotent, also for a user who never had a key', async () => {
      const userId = await userWithKey();
      await backend().deleteKey(userId);
      await backend().deleteKey(userId);
      await backend().deleteKey(randomUUID());
    });

    test('a key created again after deletion is new material: old ciphertexts stay unreadable', async () => {
      const userId = await userWithKey();
      const ciphertext = await backend().encrypt(userId, 'gone');
      await backend().deleteKey(userId);
      await backend().ensureKey(userId);
      expect(await backend().keyInfo(userId)).toEqual({ latestVersion: 1, minDecryptionVersion: 1 });
      await expect(backend().decrypt(userId, ciphertext)).rejects.toMatchObject({
        constructor: CiphertextInvalidError,
        problem: 'authentication-failed',
      });
    });
  });
}
