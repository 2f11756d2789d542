import { randomBytes, randomUUID } from 'node:crypto';
import { DriverException, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { openAesGcm, sealAesGcm } from './aes-gcm';
import { formatCiphertext, parseCiphertext, type Ciphertext } from './ciphertext';
import type { KeyBackend, KeyInfo, RewrapBinding } from './key-backend';
import {
  CiphertextInvalidError,
  CiphertextTooOldError,
  KeyBatchError,
  KeyError,
  KeyNotFoundError,
  KeyServiceUnavailableError,
  KeyVersionInvalidError,
  MasterKeyError,
  type KeyBatchFailure,
} from './key-errors';
import { KeyringKey, KeyringKeyVersion } from './keyring-key.entity';
import { assertUserId } from './user-id';

export interface EmbeddedKeyringOptions {
  orm: MikroORM;
  /** 32 bytes; wraps every stored key version. */
  masterKey: Buffer;
  /**
   * Master keys being retired (KEYRING_PREVIOUS_MASTER_KEYS): a stored version that the current key
   * cannot unwrap is tried with each of these, so a new master key can be deployed without downtime;
   * `rewrapUnderCurrentMasterKey` then moves every stored version to the current key.
   */
  previousMasterKeys?: Buffer[];
  /** How long an unwrapped key version stays in memory. Default 5 minutes. */
  unwrappedKeyTtlMs?: number;
  /** Bound on users whose unwrapped versions are cached. Default 10,000. */
  maxCachedKeys?: number;
}

const DATA_KEY_BYTES = 32;

/**
 * The default key backend without Vault: Vault transit's semantics (versioned per-user AES-256-GCM keys,
 * rotation, minimum decryption version, deletion as crypto-shred, no implicit creation) on PostgreSQL.
 * Each key version is stored wrapped by the master key, bound by AAD to its user, material id and version,
 * so rows copied between users or versions fail to unwrap.
 *
 * Every operation reads the user's key row, so a rotation, a raised minimum or a deletion made by another
 * instance applies at once; only unwrapped material is cached, keyed by the row's material id.
 */
export class EmbeddedKeyring implements KeyBackend {
  readonly kind = 'embedded' as const;
  private readonly orm: MikroORM;
  // ECMAScript-private: key material must not show up when the keyring is logged or inspected.
  readonly #masterKey: Buffer;
  readonly #previousMasterKeys: Buffer[];
  /**
   * materialId → version → unwrapped key. Evicted buffers are deliberately not zeroed: an operation that
   * already holds one may still be using it, and encrypting under a zeroed key would be far worse.
   */
  readonly #unwrapped: LRUCache<string, Map<number, Buffer>>;

  constructor(options: EmbeddedKeyringOptions) {
    if (options.masterKey.length !== DATA_KEY_BYTES) throw MasterKeyError.wrongLength('the keyring options', options.masterKey.length);
    this.orm = options.orm;
    this.#masterKey = Buffer.from(options.masterKey);
    for (const previous of options.previousMasterKeys ?? []) {
      if (previous.length !== DATA_KEY_BYTES) throw MasterKeyError.wrongLength('KEYRING_PREVIOUS_MASTER_KEYS', previous.length);
    }
    this.#previousMasterKeys = (options.previousMasterKeys ?? []).map((key) => Buffer.from(key));
    this.#unwrapped = new LRUCache<string, Map<number, Buffer>>({
      max: options.maxCachedKeys ?? 10_000,
      ttl: options.unwrappedKeyTtlMs ?? 5 * 60_000,
    });
  }

  async ensureKey(userId: string): Promise<void> {
    const id = assertUserId(userId);
    await this.run(async (em) => {
      if (await em.findOne(KeyringKey, id)) return;
      try {
        await em.transactional(async (tx) => {
          const materialId = randomUUID();
          const key = tx.create(KeyringKey, { userId: id, materialId, latestVersion: 1, minDecryptionVersion: 1 });
          tx.create(KeyringKeyVersion, { key, version: 1, wrappedKey: this.wrapNewKey(id, materialId, 1) });
        });
      } catch (error) {
        // Another instance created it between our read and our insert: the key exists, which is all we promise.
        if (error instanceof UniqueConstraintViolationException) return;
        throw error;
      }
    });
  }

  async encrypt(userId: string, plaintext: string, associatedData?: Buffer): Promise<Ciphertext> {
    const id = assertUserId(userId);
    return this.run(async (em) => {
      const row = await this.requireKey(em, id);
      const key = await this.versionKey(em, row, row.latestVersion);
      return formatCiphertext(row.latestVersion, sealAesGcm(key, Buffer.from(plaintext, 'utf8'), associatedData));
    });
  }

  async decrypt(userId: string, ciphertext: Ciphertext, associatedData?: Buffer): Promise<string> {
    const id = assertUserId(userId);
    const parsed = parseCiphertext(ciphertext);
    return this.run(async (em) => {
      const row = await this.requireKey(em, id);
      return (await this.open(em, row, parsed, associatedData)).toString('utf8');
    });
  }

  async rewrap(userId: string, ciphertexts: Ciphertext[], bindings?: ReadonlyArray<RewrapBinding | undefined>): Promise<Ciphertext[]> {
    const id = assertUserId(userId);
    return this.run(async (em) => {
      const row = await this.requireKey(em, id);
      const latest = await this.versionKey(em, row, row.latestVersion);
      const results: Array<Ciphertext | undefined> = new Array(ciphertexts.length);
      const failures: KeyBatchFailure[] = [];
      for (const [index, ciphertext] of ciphertexts.entries()) {
        try {
          const binding = bindings?.[index];
          const plaintext = await this.open(em, row, parseCiphertext(ciphertext), binding?.from);
          results[index] = formatCiphertext(row.latestVersion, sealAesGcm(latest, plaintext, binding?.to));
          plaintext.fill(0);
        } catch (error) {
          if (!(error instanceof KeyError)) throw error;
          failures.push({ index, error });
        }
      }
      if (failures.length > 0) throw new KeyBatchError<Ciphertext>(failures, results);
      return results as Ciphertext[];
    });
  }

  async rotate(userId: string): Promise<KeyInfo> {
    const id = assertUserId(userId);
    return this.run((em) =>
      em.transactional(async (tx) => {
        // The row lock serialises concurrent rotations (also across instances): versions stay contiguous.
        const row = await this.requireKey(tx, id, LockMode.PESSIMISTIC_WRITE);
        row.latestVersion += 1;
        tx.create(KeyringKeyVersion, {
          key: row,
          version: row.latestVersion,
          wrappedKey: this.wrapNewKey(id, row.materialId, row.latestVersion),
        });
        return infoOf(row);
      }),
    );
  }

  async setMinDecryptionVersion(userId: string, version: number): Promise<KeyInfo> {
    const id = assertUserId(userId);
    if (!Number.isInteger(version) || version < 0) throw KeyVersionInvalidError.negative(version);
    return this.run((em) =>
      em.transactional(async (tx) => {
        const row = await this.requireKey(tx, id, LockMode.PESSIMISTIC_WRITE);
        // As in Vault: 0 means 1, and the minimum may go down again (the versions are still there).
        const wanted = Math.max(1, version);
        if (wanted > row.latestVersion) throw KeyVersionInvalidError.aboveLatest(wanted, row.latestVersion);
        row.minDecryptionVersion = wanted;
        return infoOf(row);
      }),
    );
  }

  async keyInfo(userId: string): Promise<KeyInfo> {
    const id = assertUserId(userId);
    return this.run(async (em) => infoOf(await this.requireKey(em, id)));
  }

  async latestVersionCreatedAt(userId: string): Promise<Date> {
    const id = assertUserId(userId);
    return this.run(async (em) => {
      const row = await this.requireKey(em, id);
      const version = await em.findOne(KeyringKeyVersion, { key: id, version: row.latestVersion });
      return version?.createdAt ?? row.updatedAt;
    });
  }

  async deleteKey(userId: string): Promise<void> {
    const id = assertUserId(userId);
    await this.run((em) =>
      em.transactional(async (tx) => {
        const row = await tx.findOne(KeyringKey, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) return;
        // Explicit, so shredding never depends on the foreign key's ON DELETE rule.
        await tx.nativeDelete(KeyringKeyVersion, { key: id });
        await tx.nativeDelete(KeyringKey, { userId: id });
        this.#unwrapped.delete(row.materialId);
      }),
    );
  }

  async close(): Promise<void> {
    this.#unwrapped.clear();
  }

  private async requireKey(em: EntityManager, userId: string, lockMode?: LockMode): Promise<KeyringKey> {
    const row = await em.findOne(KeyringKey, userId, lockMode ? { lockMode } : {});
    if (!row) throw KeyNotFoundError.forUser();
    return row;
  }

  /** Checks the version against the key's window, then authenticates and decrypts, in Vault's order. */
  private async open(em: EntityManager, row: KeyringKey, parsed: { version: number; body: Buffer }, associatedData?: Buffer): Promise<Buffer> {
    if (parsed.version > row.latestVersion) throw CiphertextInvalidError.of('too-new');
    if (parsed.version < row.minDecryptionVersion) throw new CiphertextTooOldError(parsed.version);
    const key = await this.versionKey(em, row, parsed.version);
    const plaintext = openAesGcm(key, parsed.body, associatedData);
    if (!plaintext) throw CiphertextInvalidError.of('authentication-failed');
    return plaintext;
  }

  private async versionKey(em: EntityManager, row: KeyringKey, version: number): Promise<Buffer> {
    const cached = this.#unwrapped.get(row.materialId)?.get(version);
    if (cached) return cached;
    const stored = await em.findOne(KeyringKeyVersion, { key: row.userId, version });
    // A version inside the window always has a row; a missing one can only mean it was removed by hand.
    if (!stored) throw new CiphertextTooOldError(version);
    const key = this.unwrap(stored.wrappedKey, wrapAad(row.userId, row.materialId, version))?.key;
    if (!key) throw MasterKeyError.mismatch();
    const versions = this.#unwrapped.get(row.materialId) ?? new Map<number, Buffer>();
    versions.set(version, key);
    this.#unwrapped.set(row.materialId, versions);
    return key;
  }

  /** Opens a wrapped version with the current master key, else with a previous one (`current: false`). */
  private unwrap(wrapped: Buffer, aad: Buffer): { key: Buffer; current: boolean } | undefined {
    const key = openAesGcm(this.#masterKey, wrapped, aad);
    if (key) return { key, current: true };
    for (const previous of this.#previousMasterKeys) {
      const opened = openAesGcm(previous, wrapped, aad);
      if (opened) return { key: opened, current: false };
    }
    return undefined;
  }

  /**
   * Re-wraps, under the current master key, every stored key version still wrapped by a previous one,
   * `pageRows` at a time, each replaced only if unchanged since it was read. Safe to run on every
   * instance at once and to interrupt. Returns how many were re-wrapped and how many no configured
   * master key opens (those stay as they are).
   */
  async rewrapUnderCurrentMasterKey(pageRows = 500): Promise<{ rewrapped: number; unreadable: number }> {
    let rewrapped = 0;
    let unreadable = 0;
    if (this.#previousMasterKeys.length === 0) return { rewrapped, unreadable };
    return this.run(async () => {
      for (let offset = 0; ; offset += pageRows) {
        const em = this.orm.em.fork();
        const versions = await em.find(
          KeyringKeyVersion,
          {},
          { populate: ['key'], orderBy: { key: { userId: 'asc' }, version: 'asc' }, limit: pageRows, offset },
        );
        for (const version of versions) {
          const userId = version.key.userId;
          const opened = this.unwrap(version.wrappedKey, wrapAad(userId, version.key.materialId, version.version));
          if (!opened) {
            unreadable += 1;
            continue;
          }
          if (opened.current) continue;
          const wrapped = sealAesGcm(this.#masterKey, opened.key, wrapAad(userId, version.key.materialId, version.version));
          opened.key.fill(0);
          rewrapped += await em.nativeUpdate(KeyringKeyVersion, { key: userId, version: version.version, wrappedKey: version.wrappedKey }, { wrappedKey: wrapped });
        }
        if (versions.length < pageRows) return { rewrapped, unreadable };
      }
    });
  }

  private wrapNewKey(userId: string, materialId: string, version: number): Buffer {
    const key = randomBytes(DATA_KEY_BYTES);
    const wrapped = sealAesGcm(this.#masterKey, key, wrapAad(userId, materialId, version));
    key.fill(0);
    return wrapped;
  }

  /**
   * One forked EntityManager per operation. Database failures become `KeyServiceUnavailableError`: the
   * driver's messages can quote SQL parameters (wrapped keys), which must not travel up to logs.
   */
  private async run<T>(operation: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await operation(this.orm.em.fork());
    } catch (error) {
      if (error instanceof KeyError) throw error;
      if (error instanceof DriverException) throw KeyServiceUnavailableError.database();
      throw error;
    }
  }
}

function wrapAad(userId: string, materialId: string, version: number): Buffer {
  return Buffer.from(`whatsapp-connect/keyring/v1|${userId}|${materialId}|${version}`, 'utf8');
}

function infoOf(row: KeyringKey): KeyInfo {
  return { latestVersion: row.latestVersion, minDecryptionVersion: row.minDecryptionVersion };
}
