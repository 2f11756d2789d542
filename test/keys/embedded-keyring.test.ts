import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import { createPluginOrm } from '../../src/app/database';
import { createKeyBackend } from '../../src/adapters/keys/create-key-backend';
import { EmbeddedKeyring } from '../../src/adapters/keys/embedded-keyring';
import { KeyNotFoundError, KeyServiceUnavailableError, MasterKeyError } from '../../src/adapters/keys/key-errors';
import { loadMasterKey } from '../../src/adapters/keys/master-key';
import { createLogger } from '../../src/platform/observability/logger';
import { onDispose } from '../support/leftovers';
import { TEST_SCHEMA, startTestOrm } from '../support/test-database';
import { defineKeyBackendContract } from './key-backend.contract';

let orm: MikroORM;
let databaseUrl: string;
const masterKey = randomBytes(32);

beforeAll(async () => {
  ({ orm, databaseUrl } = await startTestOrm());
});

function keyringOn(on: MikroORM, key: Buffer = masterKey): EmbeddedKeyring {
  const keyring = new EmbeddedKeyring({ orm: on, masterKey: key });
  onDispose(() => keyring.close());
  return keyring;
}

function capturingLogger() {
  const lines: string[] = [];
  return { logger: createLogger('info', { write: (line: string) => void lines.push(line) }), lines };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wc-keys-'));
  onDispose(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('embedded keyring: contract', () => {
  let keyring: EmbeddedKeyring;
  beforeAll(() => {
    keyring = keyringOn(orm);
  });
  defineKeyBackendContract(() => keyring);
});

describe('embedded keyring: storage', () => {
  test('key versions are stored wrapped (60 bytes), never as the raw 32-byte key', async () => {
    const keyring = keyringOn(orm);
    const userId = randomUUID();
    await keyring.ensureKey(userId);
    await keyring.rotate(userId);
    const rows: Array<{ version: number; wrapped_key: Buffer }> = await orm.em
      .getConnection()
      .execute(`select version, wrapped_key from "${TEST_SCHEMA}".keyring_key_version where user_id = ? order by version`, [userId]);
    expect(rows.map((r) => [r.version, r.wrapped_key.length])).toEqual([
      [1, 60],
      [2, 60],
    ]);
  });

  test('an inspected keyring shows neither the master key nor unwrapped keys', async () => {
    const keyring = keyringOn(orm);
    const userId = randomUUID();
    await keyring.ensureKey(userId);
    await keyring.encrypt(userId, 'warm the cache');
    const rendered = inspect(keyring, { depth: 8, showHidden: true });
    expect(rendered).not.toContain(masterKey.subarray(0, 8).toString('hex').match(/../g)!.join(' '));
    expect(rendered).not.toMatch(/Buffer/);
  });

  test('a different master key cannot unwrap the stored keys: MasterKeyError', async () => {
    const userId = randomUUID();
    const original = keyringOn(orm);
    await original.ensureKey(userId);
    const ciphertext = await original.encrypt(userId, 'secret');
    const impostor = keyringOn(orm, randomBytes(32));
    await expect(impostor.decrypt(userId, ciphertext)).rejects.toBeInstanceOf(MasterKeyError);
    await expect(impostor.encrypt(userId, 'x')).rejects.toBeInstanceOf(MasterKeyError);
    await expect(impostor.decrypt(userId, ciphertext)).rejects.toThrow(/KEYRING_MASTER_KEY/);
  });

  test("a wrapped key copied onto another user's row does not unwrap (AAD binds user and version)", async () => {
    const keyring = keyringOn(orm);
    const [alice, mallory] = [randomUUID(), randomUUID()];
    await keyring.ensureKey(alice);
    await keyring.ensureKey(mallory);
    const connection = orm.em.getConnection();
    await connection.execute(
      `update "${TEST_SCHEMA}".keyring_key_version set wrapped_key = (select wrapped_key from "${TEST_SCHEMA}".keyring_key_version where user_id = ? and version = 1) where user_id = ?`,
      [alice, mallory],
    );
    await expect(keyringOn(orm).encrypt(mallory, 'x')).rejects.toBeInstanceOf(MasterKeyError);
  });

  test('an unreachable database is KeyServiceUnavailableError, without driver text', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const unreachable = await createPluginOrm({ clientUrl: `postgres://postgres:postgres@127.0.0.1:${port}/nowhere`, schema: TEST_SCHEMA, poolMax: 1 });
    onDispose(() => unreachable.close(true));
    const error = await keyringOn(unreachable).ensureKey(randomUUID()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyServiceUnavailableError);
    expect(error).toMatchObject({ retryable: true, reason: 'database' });
    expect((error as Error).message).not.toContain(String(port));
  });
});

describe('embedded keyring: two instances on one database', () => {
  let second: MikroORM;
  beforeAll(async () => {
    second = await createPluginOrm({ clientUrl: databaseUrl, schema: TEST_SCHEMA, poolMax: 10 });
    onDispose(() => second.close(true));
  });

  test('concurrent creation of the same key succeeds on both and creates one key', async () => {
    const [a, b] = [keyringOn(orm), keyringOn(second)];
    const userId = randomUUID();
    await Promise.all([a.ensureKey(userId), b.ensureKey(userId), a.ensureKey(userId), b.ensureKey(userId)]);
    expect(await a.keyInfo(userId)).toEqual({ latestVersion: 1, minDecryptionVersion: 1 });
  });

  test('concurrent rotations are serialised: versions stay contiguous and every one decrypts everywhere', async () => {
    const [a, b] = [keyringOn(orm), keyringOn(second)];
    const userId = randomUUID();
    await a.ensureKey(userId);
    const infos = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).rotate(userId)));
    expect(infos.map((i) => i.latestVersion).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(await b.keyInfo(userId)).toEqual({ latestVersion: 21, minDecryptionVersion: 1 });
    const versions: Array<{ version: number }> = await orm.em
      .getConnection()
      .execute(`select version from "${TEST_SCHEMA}".keyring_key_version where user_id = ? order by version`, [userId]);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const ciphertext = await a.encrypt(userId, 'shared');
    expect(ciphertext.startsWith('vault:v21:')).toBe(true);
    expect(await b.decrypt(userId, ciphertext)).toBe('shared');
  });

  test("a deletion on one instance applies at once on the other, despite the other's cached key", async () => {
    const [a, b] = [keyringOn(orm), keyringOn(second)];
    const userId = randomUUID();
    await a.ensureKey(userId);
    const ciphertext = await a.encrypt(userId, 'cached on a');
    expect(await a.decrypt(userId, ciphertext)).toBe('cached on a');
    await b.deleteKey(userId);
    await expect(a.decrypt(userId, ciphertext)).rejects.toBeInstanceOf(KeyNotFoundError);
    await expect(a.encrypt(userId, 'resurrect?')).rejects.toBeInstanceOf(KeyNotFoundError);
    // Recreated elsewhere: instance a must use the new material, not its cached copy of the old one.
    await b.ensureKey(userId);
    const fresh = await a.encrypt(userId, 'new key');
    expect(await b.decrypt(userId, fresh)).toBe('new key');
  });
});

describe('embedded keyring: master key', () => {
  test('production without KEYRING_MASTER_KEY is refused with a clear error', async () => {
    const { logger } = capturingLogger();
    const dir = await tempDir();
    const masterKeyFile = join(dir, 'master.key');
    await expect(loadMasterKey({ masterKeyFile, mode: 'production', logger })).rejects.toThrow(MasterKeyError);
    await expect(loadMasterKey({ masterKeyFile, mode: 'production', logger })).rejects.toThrow(/KEYRING_MASTER_KEY/);
    await expect(stat(masterKeyFile)).rejects.toMatchObject({ code: 'ENOENT' });

    const config = { ...loadConfig({ NODE_ENV: 'test' }), mode: 'production' as const, keys: { backend: 'embedded' as const, masterKeyFile } };
    await expect(createKeyBackend({ config, orm, logger })).rejects.toBeInstanceOf(MasterKeyError);
  });

  test('production with KEYRING_MASTER_KEY uses it, and it must be 32 bytes', async () => {
    const { logger } = capturingLogger();
    const masterKeyFile = join(await tempDir(), 'unused.key');
    const key = randomBytes(32);
    expect(await loadMasterKey({ masterKey: key, masterKeyFile, mode: 'production', logger })).toEqual(key);
    await expect(loadMasterKey({ masterKey: randomBytes(16), masterKeyFile, mode: 'production', logger })).rejects.toBeInstanceOf(MasterKeyError);
  });

  test('outside production a key file is generated once with mode 0600 (and a 0700 directory), loudly', async () => {
    const { logger, lines } = capturingLogger();
    const dir = await tempDir();
    const masterKeyFile = join(dir, 'nested', 'keys', 'master.key');
    const first = await loadMasterKey({ masterKeyFile, mode: 'development', logger });
    expect(first).toHaveLength(32);
    expect((await stat(masterKeyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nested', 'keys'))).mode & 0o777).toBe(0o700);
    expect((await readFile(masterKeyFile, 'utf8')).trim()).toBe(first.toString('base64'));
    expect(lines.join('')).toMatch(/"level":40.*GENERATED A NEW KEYRING MASTER KEY/);
    expect(lines.join('')).not.toContain(first.toString('base64'));

    lines.length = 0;
    expect(await loadMasterKey({ masterKeyFile, mode: 'test', logger })).toEqual(first);
    expect(lines).toEqual([]);
  });

  test('two processes generating at once end up with the same key', async () => {
    const { logger } = capturingLogger();
    const masterKeyFile = join(await tempDir(), 'race.key');
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadMasterKey({ masterKeyFile, mode: 'development', logger })));
    for (const key of keys) expect(key).toEqual(keys[0]);
  });

  test('a damaged key file is refused instead of silently replaced', async () => {
    const { logger } = capturingLogger();
    const masterKeyFile = join(await tempDir(), 'damaged.key');
    await writeFile(masterKeyFile, 'not a key\n', { mode: 0o600 });
    await expect(loadMasterKey({ masterKeyFile, mode: 'development', logger })).rejects.toBeInstanceOf(MasterKeyError);
  });

  test('a key file readable by others is used, with a warning', async () => {
    const { logger, lines } = capturingLogger();
    const masterKeyFile = join(await tempDir(), 'open.key');
    const key = randomBytes(32);
    await writeFile(masterKeyFile, `${key.toString('base64')}\n`, { mode: 0o644 });
    expect(await loadMasterKey({ masterKeyFile, mode: 'development', logger })).toEqual(key);
    expect(lines.join('')).toContain('chmod 600');
  });

  test('createKeyBackend picks the embedded keyring without VAULT_ADDR', async () => {
    const { logger } = capturingLogger();
    const masterKeyFile = join(await tempDir(), 'factory.key');
    const config = { ...loadConfig({ NODE_ENV: 'test' }), keys: { backend: 'embedded' as const, masterKeyFile } };
    const backend = await createKeyBackend({ config, orm, logger });
    onDispose(() => backend.close());
    expect(backend.kind).toBe('embedded');
    const userId = randomUUID();
    await backend.ensureKey(userId);
    expect(await backend.decrypt(userId, await backend.encrypt(userId, 'via factory'))).toBe('via factory');
  });
});
