import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import type { Ciphertext } from '../../src/adapters/keys/ciphertext';
import { createKeyBackend } from '../../src/adapters/keys/create-key-backend';
import {
  CiphertextInvalidError,
  KeyBatchError,
  KeyError,
  KeyNotFoundError,
  KeyPermissionDeniedError,
  KeyRequestRejectedError,
  KeyServiceUnavailableError,
} from '../../src/adapters/keys/key-errors';
import { VaultTransitBackend, type VaultTransitBackendOptions } from '../../src/adapters/keys/vault-transit-backend';
import { createLogger } from '../../src/platform/observability/logger';
import { onDispose } from '../support/leftovers';
import {
  parseVaultPolicy,
  startVaultTransitServer,
  type VaultPolicy,
  type VaultTransitServer,
} from '../support/vault-transit-server';
import { defineKeyBackendContract, tamper } from './key-backend.contract';

const TOKEN = 'hvs.CAESIAppTokenThatMustNeverBeLogged0123456789';
const PREFIX = 'whatsapp-connect-user-';
const APP_POLICY = parseVaultPolicy(readFileSync(join(__dirname, '../../vault/policy.hcl'), 'utf8'));
const ERASURE_TOKEN = 'hvs.CAESIErasureTokenThatMustNeverBeLogged012345';
const ERASURE_POLICY = parseVaultPolicy(readFileSync(join(__dirname, '../../vault/erasure-policy.hcl'), 'utf8'));

function backendFor(address: string, overrides: Partial<VaultTransitBackendOptions> = {}): VaultTransitBackend {
  const backend = new VaultTransitBackend({
    address,
    token: TOKEN,
    mount: 'transit',
    keyPrefix: PREFIX,
    timeoutMs: 5_000,
    rewrapBatchSize: 50,
    erasureToken: ERASURE_TOKEN,
    ...overrides,
  });
  onDispose(() => backend.close());
  return backend;
}

async function startServer(policy: VaultPolicy = 'root', disableUpsert = true): Promise<VaultTransitServer> {
  return startVaultTransitServer({ token: TOKEN, policy, disableUpsert, tokens: { [ERASURE_TOKEN]: ERASURE_POLICY } });
}

async function rejection(promise: Promise<unknown>): Promise<KeyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KeyError)) throw new Error(`expected a KeyError, got ${inspect(error)}`);
  return error;
}

describe('Vault transit backend: contract against the test server (root token, disable_upsert as vault/init.sh sets)', () => {
  let backend: VaultTransitBackend;
  beforeAll(async () => {
    backend = backendFor((await startServer('root', true)).address);
  });
  defineKeyBackendContract(() => backend);
});

describe('Vault transit backend: contract against the test server (vault/policy.hcl token, upsert left enabled)', () => {
  let backend: VaultTransitBackend;
  beforeAll(async () => {
    backend = backendFor((await startServer(APP_POLICY, false)).address);
  });
  defineKeyBackendContract(() => backend);
});

// eslint-disable-next-line n/no-process-env -- opt-in run against a real Vault; never read by src/
const realVault = { address: process.env.VAULT_ADDR, token: process.env.VAULT_TOKEN };
(realVault.address && realVault.token ? describe : describe.skip)(
  'Vault transit backend: contract against the real Vault at VAULT_ADDR (run vault/init.sh first)',
  () => {
    let backend: VaultTransitBackend;
    beforeAll(() => {
      backend = new VaultTransitBackend({
        address: realVault.address!,
        token: realVault.token!,
        mount: 'transit',
        keyPrefix: PREFIX,
        timeoutMs: 10_000,
        rewrapBatchSize: 50,
      });
      onDispose(() => backend.close());
    });
    defineKeyBackendContract(() => backend);
  },
);

describe('Vault least privilege: vault/policy.hcl and vault/erasure-policy.hcl, enforced by the test server', () => {
  let server: VaultTransitServer;

  beforeAll(async () => {
    server = await startServer(APP_POLICY, true);
  });

  async function raw(token: string, method: string, path: string, body?: unknown): Promise<number> {
    const response = await fetch(`${server.address}/v1/${path}`, {
      method,
      headers: { 'X-Vault-Token': token, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  test('the app token cannot change key configuration beyond the minimum version, trim, or delete a key', async () => {
    const userId = randomUUID();
    const app = backendFor(server.address, { erasureToken: undefined });
    await app.ensureKey(userId);
    await app.rotate(userId);
    const config = `transit/keys/${PREFIX}${userId}/config`;
    expect(await raw(TOKEN, 'POST', config, { deletion_allowed: true })).toBe(403);
    expect(await raw(TOKEN, 'POST', config, { exportable: true })).toBe(403);
    expect(await raw(TOKEN, 'POST', config, { min_decryption_version: 2, deletion_allowed: true })).toBe(403);
    expect(await raw(TOKEN, 'POST', `transit/keys/${PREFIX}${userId}/trim`, { min_available_version: 2 })).toBe(403);
    expect(await raw(TOKEN, 'DELETE', `transit/keys/${PREFIX}${userId}`)).toBe(403);
    // What the rewrap needs still works.
    expect(await app.setMinDecryptionVersion(userId, 2)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    // Without the erasure token, erasure is refused rather than done with the app token.
    await expect(app.deleteKey(userId)).rejects.toBeInstanceOf(KeyPermissionDeniedError);
    expect(server.hasKey(`${PREFIX}${userId}`)).toBe(true);
  });

  test('the erasure token deletes keys and can do nothing else', async () => {
    const userId = randomUUID();
    const backend = backendFor(server.address);
    await backend.ensureKey(userId);
    const ciphertext = await backend.encrypt(userId, 'secret');
    const name = `${PREFIX}${userId}`;
    expect(await raw(ERASURE_TOKEN, 'POST', `transit/decrypt/${name}`, { ciphertext })).toBe(403);
    expect(await raw(ERASURE_TOKEN, 'POST', `transit/encrypt/${name}`, { plaintext: 'c2VjcmV0' })).toBe(403);
    expect(await raw(ERASURE_TOKEN, 'POST', `transit/keys/${name}/rotate`, {})).toBe(403);
    expect(await raw(ERASURE_TOKEN, 'POST', `transit/keys/${name}/config`, { min_decryption_version: 1 })).toBe(403);
    expect(await raw(ERASURE_TOKEN, 'POST', `transit/keys/${name}/config`, { exportable: true })).toBe(403);
    expect(await raw(ERASURE_TOKEN, 'POST', `transit/keys/someone-else-${userId}/config`, { deletion_allowed: true })).toBe(403);

    const before = server.requests.length;
    await backend.deleteKey(userId);
    expect(server.hasKey(name)).toBe(false);
    const deletions = server.requests.slice(before).filter((r) => r.path.startsWith(`transit/keys/${name}`) && (r.method === 'DELETE' || r.path.endsWith('/config')));
    expect(deletions.map((r) => r.method)).toEqual(['POST', 'DELETE']);
  });
});

describe('Vault transit backend: failures', () => {
  let server: VaultTransitServer;
  let backend: VaultTransitBackend;

  beforeEach(async () => {
    server = await startServer(APP_POLICY, true);
    backend = backendFor(server.address);
  });

  test('an inspected or serialised backend does not show the token', () => {
    expect(inspect(backend, { depth: 8, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(backend)).not.toContain(TOKEN);
  });

  test('a sealed Vault is KeyServiceUnavailableError, retryable, for every operation', async () => {
    const userId = randomUUID();
    await backend.ensureKey(userId);
    const ciphertext = await backend.encrypt(userId, 'secret');
    server.seal();
    for (const call of [
      backend.ensureKey(userId),
      backend.encrypt(userId, 'secret'),
      backend.decrypt(userId, ciphertext),
      backend.rewrap(userId, [ciphertext]),
      backend.rotate(userId),
      backend.keyInfo(userId),
      backend.deleteKey(userId),
    ]) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(KeyServiceUnavailableError);
      expect(error).toMatchObject({ retryable: true, reason: 'sealed', status: 503 });
    }
    server.unseal();
    expect(await backend.decrypt(userId, ciphertext)).toBe('secret');
  });

  test('an invalid (expired, revoked) token is KeyPermissionDeniedError, not retryable', async () => {
    server.setTokenValid(false);
    const error = await rejection(backend.ensureKey(randomUUID()));
    expect(error).toBeInstanceOf(KeyPermissionDeniedError);
    expect(error).toMatchObject({ retryable: false, reason: 'invalid-token' });
  });

  test('a policy without the needed capability is KeyPermissionDeniedError', async () => {
    const userId = randomUUID();
    await backend.ensureKey(userId);
    const ciphertext = await backend.encrypt(userId, 'secret');
    server.setPolicy(APP_POLICY.filter((rule) => !rule.path.includes('/decrypt/')));
    const error = await rejection(backend.decrypt(userId, ciphertext));
    expect(error).toBeInstanceOf(KeyPermissionDeniedError);
    expect(error).toMatchObject({ reason: 'capability' });
    expect(error.message).toContain('vault/policy.hcl');
  });

  test('a 403 on encrypt for an existing key stays KeyPermissionDeniedError', async () => {
    const userId = randomUUID();
    await backend.ensureKey(userId);
    server.setPolicy(APP_POLICY.filter((rule) => !rule.path.includes('/encrypt/')));
    await expect(backend.encrypt(userId, 'secret')).rejects.toBeInstanceOf(KeyPermissionDeniedError);
  });

  test('keys outside the policy prefix are denied, so the prefix really scopes the token', async () => {
    const outside = backendFor(server.address, { keyPrefix: 'someone-else-' });
    await expect(outside.ensureKey(randomUUID())).rejects.toBeInstanceOf(KeyPermissionDeniedError);
  });

  test('the least-privilege policy alone prevents resurrection, even with upsert enabled', async () => {
    server.setDisableUpsert(false);
    const userId = randomUUID();
    await backend.ensureKey(userId);
    await backend.deleteKey(userId);
    await expect(backend.encrypt(userId, 'late write')).rejects.toBeInstanceOf(KeyNotFoundError);
    expect(server.hasKey(`${PREFIX}${userId}`)).toBe(false);
  });

  test('upsertStatus reports what the token can see of config/keys', async () => {
    expect(await backend.upsertStatus()).toBe('unknown');
    server.setPolicy('root');
    expect(await backend.upsertStatus()).toBe('disabled');
    server.setDisableUpsert(false);
    expect(await backend.upsertStatus()).toBe('enabled');
  });

  test('a Vault that is not listening is KeyServiceUnavailableError (unreachable), retryable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const down = backendFor(`http://127.0.0.1:${port}`);
    const error = await rejection(down.encrypt(randomUUID(), 'secret'));
    expect(error).toBeInstanceOf(KeyServiceUnavailableError);
    expect(error).toMatchObject({ retryable: true, reason: 'unreachable' });
    expect(error.message).toContain('ECONNREFUSED');
  });

  test('a Vault that does not answer in time is KeyServiceUnavailableError (timeout)', async () => {
    const userId = randomUUID();
    await backend.ensureKey(userId);
    const slow = backendFor(server.address, { timeoutMs: 150 });
    const release = server.holdRequests();
    try {
      const error = await rejection(slow.encrypt(userId, 'secret'));
      expect(error).toBeInstanceOf(KeyServiceUnavailableError);
      expect(error).toMatchObject({ retryable: true, reason: 'timeout' });
      expect(error.message).toContain('150 ms');
    } finally {
      release();
    }
  });

  test('reading a missing key (404 {"errors":[]}) is KeyNotFoundError', async () => {
    await expect(backend.keyInfo(randomUUID())).rejects.toBeInstanceOf(KeyNotFoundError);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET' });
  });

  test('a wrong mount is KeyRequestRejectedError naming the operation, not a missing key', async () => {
    server.setPolicy('root');
    const wrongMount = backendFor(server.address, { mount: 'transit-typo' });
    const error = await rejection(wrongMount.ensureKey(randomUUID()));
    expect(error).toBeInstanceOf(KeyRequestRejectedError);
    expect(error).toMatchObject({ status: 404, operation: 'create key' });
  });

  test('plaintext travels base64-encoded, and keys are created non-exportable, as aes256-gcm96', async () => {
    const userId = randomUUID();
    await backend.ensureKey(userId);
    await backend.encrypt(userId, 'héllo');
    const create = server.requests.find((r) => r.path === `transit/keys/${PREFIX}${userId}` && r.method === 'POST');
    expect(create?.body).toEqual({ type: 'aes256-gcm96', derived: false, exportable: false, allow_plaintext_backup: false });
    const encrypt = server.requests.find((r) => r.path === `transit/encrypt/${PREFIX}${userId}`);
    expect(encrypt?.body).toEqual({ plaintext: Buffer.from('héllo').toString('base64') });
  });

  test('deletion first allows it on the key, then deletes (a key with deletion_allowed=false cannot be deleted)', async () => {
    const userId = randomUUID();
    await backend.ensureKey(userId);
    await backend.deleteKey(userId);
    const calls = server.requests.filter((r) => r.path.startsWith(`transit/keys/${PREFIX}${userId}`)).map((r) => `${r.method} ${r.path}`);
    expect(calls.slice(-2)).toEqual([`POST transit/keys/${PREFIX}${userId}/config`, `DELETE transit/keys/${PREFIX}${userId}`]);
    expect(server.hasKey(`${PREFIX}${userId}`)).toBe(false);
  });

  test('rewrap splits large inputs into chunks and reports failures by their global index', async () => {
    const userId = randomUUID();
    await backend.ensureKey(userId);
    const ciphertexts: Ciphertext[] = [];
    for (let i = 0; i < 120; i += 1) ciphertexts.push(await backend.encrypt(userId, `s${i}`));
    ciphertexts[77] = tamper(ciphertexts[77]!);
    await backend.rotate(userId);
    const before = server.requests.length;
    const error = await rejection(backend.rewrap(userId, ciphertexts));
    expect(server.requests.slice(before).filter((r) => r.path.startsWith('transit/rewrap/'))).toHaveLength(3);
    expect(error).toBeInstanceOf(KeyBatchError);
    expect((error as KeyBatchError).failures.map((f) => f.index)).toEqual([77]);
    expect((error as KeyBatchError).failures[0]!.error).toBeInstanceOf(CiphertextInvalidError);
  });

  test('no error carries the token, a plaintext, or a ciphertext body', async () => {
    const plaintext = 'super-secret-access-token-EAAG0123456789';
    const userId = randomUUID();
    await backend.ensureKey(userId);
    const ciphertext = await backend.encrypt(userId, plaintext);
    await backend.rotate(userId);
    await backend.setMinDecryptionVersion(userId, 2);

    const errors: KeyError[] = [];
    errors.push(await rejection(backend.decrypt(userId, ciphertext)));
    errors.push(await rejection(backend.decrypt(userId, tamper(ciphertext))));
    errors.push(await rejection(backend.rewrap(userId, [ciphertext, tamper(ciphertext)])));
    errors.push(await rejection(backend.encrypt(randomUUID(), plaintext)));
    server.setPolicy([]);
    errors.push(await rejection(backend.encrypt(userId, plaintext)));
    server.setTokenValid(false);
    errors.push(await rejection(backend.encrypt(userId, plaintext)));
    server.seal();
    errors.push(await rejection(backend.encrypt(userId, plaintext)));
    const slow = backendFor(server.address, { timeoutMs: 100 });
    server.unseal();
    const release = server.holdRequests();
    errors.push(await rejection(slow.encrypt(userId, plaintext)));
    release();
    errors.push(await rejection(backendFor('http://127.0.0.1:1').encrypt(userId, plaintext)));

    const body = ciphertext.slice('vault:v1:'.length);
    const forbidden = [TOKEN, plaintext, Buffer.from(plaintext).toString('base64'), body, body.slice(0, 24)];
    for (const error of errors) {
      const rendered = [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n');
      for (const secret of forbidden) expect(rendered).not.toContain(secret);
      expect(error.cause).toBeUndefined();
    }
  });
});

describe('createKeyBackend with VAULT_ADDR', () => {
  test('picks Vault transit, and warns (without the token) while the mount still allows upsert', async () => {
    const server = await startServer('root', false);
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const config = loadConfig({ NODE_ENV: 'test', VAULT_ADDR: server.address, VAULT_TOKEN: TOKEN, VAULT_KEY_PREFIX: PREFIX });
    // The ORM is only used by the embedded keyring.
    const backend = await createKeyBackend({ config, orm: undefined as unknown as MikroORM, logger });
    onDispose(() => backend.close());
    expect(backend.kind).toBe('vault');
    expect(lines.join('')).toMatch(/"level":40.*upsert is enabled/);
    expect(lines.join('')).not.toContain(TOKEN);
    const userId = randomUUID();
    await backend.ensureKey(userId);
    expect(await backend.decrypt(userId, await backend.encrypt(userId, 'via factory'))).toBe('via factory');
  });
});

describe('Vault transit backend: node-vault debug logging', () => {
  test('DEBUG=node-vault cannot make node-vault log plaintexts, ciphertexts or the token', async () => {
    const server = await startServer('root', true);
    const userId = randomUUID();
    const plaintext = 'debug-leak-canary-EAAG987654321';
    const written: string[] = [];
    // eslint-disable-next-line n/no-process-env -- the very setting this test proves harmless
    const previous = process.env.DEBUG;
    // eslint-disable-next-line n/no-process-env
    process.env.DEBUG = 'node-vault,*';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    try {
      // Fresh module registry: `debug` reads DEBUG when it loads, as it would at process start.
      let isolated!: { Backend: typeof VaultTransitBackend; NodeVault: typeof import('node-vault') };
      jest.isolateModules(() => {
        isolated = {
          Backend: (require('../../src/adapters/keys/vault-transit-backend') as typeof import('../../src/adapters/keys/vault-transit-backend'))
            .VaultTransitBackend,
          NodeVault: require('node-vault') as typeof import('node-vault'),
        };
      });

      // Control: node-vault left to itself does log the request body, so this harness would see a leak.
      const raw = isolated.NodeVault({ endpoint: server.address, token: TOKEN });
      await raw.write(`transit/keys/${PREFIX}${userId}`, {});
      await raw.write(`transit/encrypt/${PREFIX}${userId}`, { plaintext: Buffer.from('control-canary').toString('base64') });
      expect(written.join('')).toContain(Buffer.from('control-canary').toString('base64'));
      written.length = 0;

      const backend = new isolated.Backend({ address: server.address, token: TOKEN, mount: 'transit', keyPrefix: PREFIX, timeoutMs: 5_000 });
      try {
        const ciphertext = await backend.encrypt(userId, plaintext);
        expect(await backend.decrypt(userId, ciphertext)).toBe(plaintext);
        await backend.rewrap(userId, [ciphertext]);
        server.seal();
        await backend.encrypt(userId, plaintext).catch(() => undefined);
        server.unseal();
        const output = written.join('');
        expect(output).not.toContain('node-vault');
        for (const secret of [plaintext, Buffer.from(plaintext).toString('base64'), TOKEN, ciphertext.slice(9)]) {
          expect(output).not.toContain(secret);
        }
      } finally {
        await backend.close();
      }
    } finally {
      spy.mockRestore();
      // eslint-disable-next-line n/no-process-env
      if (previous === undefined) delete process.env.DEBUG;
      // eslint-disable-next-line n/no-process-env
      else process.env.DEBUG = previous;
    }
  });
});

describe('the test server speaks Vault transit\'s wire format', () => {
  let server: VaultTransitServer;
  const call = async (method: string, path: string, body?: unknown, token: string | null = TOKEN) => {
    const response = await fetch(`${server.address}/v1/${path}`, {
      method,
      headers: { ...(token ? { 'X-Vault-Token': token } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };

  beforeEach(async () => {
    server = await startServer('root', false);
  });

  test('success envelope, create warning on an existing key, 404 {"errors":[]} for a missing one', async () => {
    const created = await call('POST', 'transit/keys/k1', {});
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, wrap_info: null, warnings: null, auth: null, mount_type: 'transit' });
    expect(created.body!.data).toMatchObject({ name: 'k1', type: 'aes256-gcm96', latest_version: 1, min_decryption_version: 1, deletion_allowed: false, exportable: false });
    expect((await call('POST', 'transit/keys/k1', {})).body!.warnings).toEqual(['key k1 already existed']);
    expect(await call('GET', 'transit/keys/missing')).toEqual({ status: 404, body: { errors: [] } });
  });

  test('403 bodies for a missing capability and for an invalid token; 503 when sealed', async () => {
    server.setPolicy([]);
    expect(await call('GET', 'transit/keys/k1')).toEqual({ status: 403, body: { errors: ['1 error occurred:\n\t* permission denied\n\n'] } });
    expect(await call('GET', 'transit/keys/k1', undefined, 'hvs.bogus')).toEqual({
      status: 403,
      body: { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] },
    });
    server.seal();
    expect(await call('GET', 'transit/keys/k1')).toEqual({ status: 503, body: { errors: ['Vault is sealed'] } });
  });

  test('encrypt upserts with create capability unless disable_upsert; update-only tokens get 403', async () => {
    expect((await call('POST', 'transit/encrypt/fresh', { plaintext: 'aGk=' })).status).toBe(200);
    expect(server.hasKey('fresh')).toBe(true);
    await call('POST', 'transit/config/keys', { disable_upsert: true });
    expect(await call('POST', 'transit/encrypt/fresh2', { plaintext: 'aGk=' })).toEqual({ status: 400, body: { errors: ['encryption key not found'] } });
    server.setPolicy([{ path: 'transit/encrypt/*', capabilities: ['update'] }]);
    expect((await call('POST', 'transit/encrypt/fresh3', { plaintext: 'aGk=' })).status).toBe(403);
  });

  test('missing-key and delete error strings', async () => {
    expect(await call('POST', 'transit/keys/nope/rotate')).toEqual({ status: 400, body: { errors: ['key not found'] } });
    expect(await call('POST', 'transit/keys/nope/config', { deletion_allowed: true })).toEqual({
      status: 400,
      body: { errors: ['no existing key named nope could be found'] },
    });
    expect(await call('DELETE', 'transit/keys/nope')).toEqual({
      status: 400,
      body: { errors: ['error deleting policy nope: could not delete key; not found'] },
    });
    await call('POST', 'transit/keys/k2', {});
    expect(await call('DELETE', 'transit/keys/k2')).toEqual({
      status: 400,
      body: { errors: ['error deleting policy k2: deletion is not allowed for this key'] },
    });
    await call('POST', 'transit/keys/k2/config', { deletion_allowed: true });
    expect(await call('DELETE', 'transit/keys/k2')).toEqual({ status: 204, body: undefined });
  });

  test('ciphertext format and the decrypt error catalogue', async () => {
    await call('POST', 'transit/keys/k3', {});
    const encrypted = await call('POST', 'transit/encrypt/k3', { plaintext: Buffer.from('my secret data\n').toString('base64') });
    const { ciphertext, key_version } = encrypted.body!.data as { ciphertext: string; key_version: number };
    expect(key_version).toBe(1);
    expect(Buffer.from(ciphertext.slice('vault:v1:'.length), 'base64')).toHaveLength(12 + 15 + 16);
    const decryptError = async (value: string) => (await call('POST', 'transit/decrypt/k3', { ciphertext: value })).body;
    expect(await decryptError('abc')).toEqual({ errors: ['invalid ciphertext: no prefix'] });
    expect(await decryptError('vault:v1')).toEqual({ errors: ['invalid ciphertext: wrong number of fields'] });
    expect(await decryptError('vault:vx:AAAA')).toEqual({ errors: ['invalid ciphertext: version number could not be decoded'] });
    expect(await decryptError('vault:v9:AAAA')).toEqual({ errors: ['invalid ciphertext: version is too new'] });
    expect(await decryptError('vault:v1:!!')).toEqual({ errors: ['invalid ciphertext: could not decode base64'] });
    expect(await decryptError('vault:v1:AAAA')).toEqual({ errors: ['invalid ciphertext length'] });
    expect(await decryptError(tamper(ciphertext as Ciphertext))).toEqual({ errors: ['cipher: message authentication failed'] });
    await call('POST', 'transit/keys/k3/rotate');
    await call('POST', 'transit/keys/k3/config', { min_decryption_version: 2 });
    expect(await decryptError(ciphertext)).toEqual({ errors: ['ciphertext or signature version is disallowed by policy (too old)'] });
    expect(await call('POST', 'transit/keys/k3/config', { min_decryption_version: 5 })).toEqual({
      status: 400,
      body: { errors: ['cannot set min decryption version of 5, latest key version is 2'] },
    });
  });

  test('batch decrypt answers 400 with a data body, or the partial_failure_response_code; rewrap answers 200', async () => {
    await call('POST', 'transit/keys/k4', {});
    const { ciphertext } = (await call('POST', 'transit/encrypt/k4', { plaintext: 'aGk=' })).body!.data as { ciphertext: string };
    const batch_input = [{ ciphertext }, { ciphertext: 'bogus' }];
    const plain = await call('POST', 'transit/decrypt/k4', { batch_input });
    expect(plain.status).toBe(400);
    expect(plain.body!.errors).toBeUndefined();
    expect((plain.body!.data as { batch_results: unknown[] }).batch_results).toEqual([
      { plaintext: 'aGk=', reference: '' },
      { plaintext: '', error: 'invalid ciphertext: no prefix', reference: '' },
    ]);
    expect((await call('POST', 'transit/decrypt/k4', { batch_input, partial_failure_response_code: 200 })).status).toBe(200);
    expect((await call('POST', 'transit/decrypt/k4', { batch_input: [{ ciphertext: 'bogus' }], partial_failure_response_code: 200 })).status).toBe(400);
    const rewrap = await call('POST', 'transit/rewrap/k4', { batch_input });
    expect(rewrap.status).toBe(200);
    expect(rewrap.body!.warnings).toBeNull();
    expect(await call('POST', 'transit/rewrap/k4', { batch_input: [] })).toEqual({ status: 400, body: { errors: ['missing batch input to process'] } });
  });

  test('unknown parameters are ignored with Vault\'s warning', async () => {
    await call('POST', 'transit/keys/k5', {});
    const response = await call('POST', 'transit/encrypt/k5', { plainText: 'aGk=' });
    expect(response).toEqual({ status: 400, body: { errors: ['missing plaintext to encrypt'] } });
    const withExtra = await call('POST', 'transit/encrypt/k5', { plaintext: 'aGk=', name: 'k5' });
    expect(withExtra.body!.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [name]']);
  });
});
