import { LockMode } from '@mikro-orm/core';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import {
  CredentialSecretsUnreadableError,
  CredentialStatus,
  CredentialStatusReason,
  readCredentialSecrets,
  SecretsBinding,
  WhatsAppCredential,
} from '../../src/credentials';
import { CiphertextRegistry, credentialCiphertextColumns } from '../../src/key-rotation';
import { rewrapUserCiphertexts } from '../../src/key-rotation/rewrap-user-ciphertexts';
import { newUserId, type TestApp } from '../support/start-test-app';
import { eventually, seedCredentials, startKeyTestApp, storedCiphertexts, type KeyTestApp, type StoredSecrets } from '../key-rotation/key-fixtures';

async function secretsOf(app: TestApp, credentialId: string) {
  const em = app.orm.em.fork();
  return readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, credentialId));
}

async function store(app: TestApp, credentialId: string, values: Partial<StoredSecrets> & { secretsBinding?: number }): Promise<void> {
  await app.orm.em.fork().nativeUpdate(WhatsAppCredential, { id: credentialId }, values);
}

async function rowOf(app: TestApp, credentialId: string): Promise<WhatsAppCredential> {
  return app.orm.em.fork().findOneOrFail(WhatsAppCredential, credentialId);
}

async function integrityAudits(app: TestApp, credentialId: string): Promise<AuditEntry[]> {
  return app.orm.em.fork().find(AuditEntry, { action: 'credential.secret_integrity_failed', targetId: credentialId });
}

/** Swapped or moved ciphertexts, on both key backends: each fails, marks the credential and is audited once. */
describe.each(['embedded', 'vault'] as const)('ciphertexts bound to their row, column and user (%s)', (backend) => {
  let env: KeyTestApp;

  beforeAll(async () => {
    env = await startKeyTestApp(backend);
  });

  async function expectRefused(credentialId: string, column: string): Promise<void> {
    const { app } = env;
    const failure = secretsOf(app, credentialId);
    await expect(failure).rejects.toBeInstanceOf(CredentialSecretsUnreadableError);
    await expect(failure).rejects.toMatchObject({ credentialId, column });
    const row = await rowOf(app, credentialId);
    expect(row.status).toBe(CredentialStatus.INVALID);
    expect(row.statusReason).toBe(CredentialStatusReason.SECRETS_UNREADABLE);
    // A second read is refused as well, and audited only once (the status did not change again).
    await expect(secretsOf(app, credentialId)).rejects.toBeInstanceOf(CredentialSecretsUnreadableError);
    const audits = await integrityAudits(app, credentialId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ outcome: 'failure', actorRole: 'system', details: expect.objectContaining({ table: 'whatsapp_credentials', column }) });
  }

  test('new credentials are written bound, and read back', async () => {
    const userId = newUserId();
    const [{ credential, secrets }] = (await seedCredentials(env, userId, 1)) as [Awaited<ReturnType<typeof seedCredentials>>[0]];
    expect((await rowOf(env.app, credential.id)).secretsBinding).toBe(SecretsBinding.BOUND_V1);
    expect(await secretsOf(env.app, credential.id)).toEqual(secrets);
  });

  test('swapping two columns of one row (app secret ↔ verify token) is refused, even with both values cached', async () => {
    const userId = newUserId();
    const [{ credential }] = (await seedCredentials(env, userId, 1)) as [Awaited<ReturnType<typeof seedCredentials>>[0]];
    await secretsOf(env.app, credential.id); // both plaintexts are now in the secret cache
    const stored = await storedCiphertexts(env.app, credential.id);
    await store(env.app, credential.id, { appSecretCiphertext: stored.verifyTokenCiphertext, verifyTokenCiphertext: stored.appSecretCiphertext });
    await expectRefused(credential.id, 'app_secret_ciphertext');
  });

  test('moving a ciphertext to another row of the same user is refused', async () => {
    const userId = newUserId();
    const [first, second] = await seedCredentials(env, userId, 2);
    const stored = await storedCiphertexts(env.app, first!.credential.id);
    await store(env.app, second!.credential.id, { accessTokenCiphertext: stored.accessTokenCiphertext });
    await expectRefused(second!.credential.id, 'access_token_ciphertext');
    // The row it came from is untouched and still works.
    expect(await secretsOf(env.app, first!.credential.id)).toEqual(first!.secrets);
  });

  test('moving a ciphertext to another user\'s row is refused', async () => {
    const [mine] = await seedCredentials(env, newUserId(), 1);
    const [theirs] = await seedCredentials(env, newUserId(), 1);
    const stored = await storedCiphertexts(env.app, theirs!.credential.id);
    await store(env.app, mine!.credential.id, { verifyTokenCiphertext: stored.verifyTokenCiphertext });
    await expectRefused(mine!.credential.id, 'verify_token_ciphertext');
  });

  test('flipping the marker back to unbound does not make a bound ciphertext readable', async () => {
    const [seeded] = await seedCredentials(env, newUserId(), 1);
    await store(env.app, seeded!.credential.id, { secretsBinding: SecretsBinding.UNBOUND });
    await expectRefused(seeded!.credential.id, 'access_token_ciphertext');
  });

  test('the rewrap binds rows written before binding; after it, a swap is refused', async () => {
    const { app } = env;
    const userId = newUserId();
    const [seeded] = await seedCredentials(env, userId, 1);
    const id = seeded!.credential.id;
    // What a row written before this release looks like: the same secrets, encrypted without associated data.
    const keys = app.services.keys;
    await store(app, id, {
      accessTokenCiphertext: await keys.encryptFor(userId, seeded!.secrets.accessToken),
      appSecretCiphertext: await keys.encryptFor(userId, seeded!.secrets.appSecret),
      verifyTokenCiphertext: await keys.encryptFor(userId, seeded!.secrets.verifyToken),
      secretsBinding: SecretsBinding.UNBOUND,
    });
    expect(await secretsOf(app, id)).toEqual(seeded!.secrets);
    const unbound = await storedCiphertexts(app, id);

    const deps = { orm: app.orm, keys, ciphertexts: new CiphertextRegistry([credentialCiphertextColumns]), logger: app.logger, pageRows: 10 };
    expect(await rewrapUserCiphertexts(deps, userId)).toEqual({ targetVersion: 1, rewrapped: 3, unreadable: 0 });
    expect((await rowOf(app, id)).secretsBinding).toBe(SecretsBinding.BOUND_V1);
    expect(await secretsOf(app, id)).toEqual(seeded!.secrets);
    // Resumable and idempotent: a second run finds nothing to bind.
    expect(await rewrapUserCiphertexts(deps, userId)).toEqual({ targetVersion: 1, rewrapped: 0, unreadable: 0 });

    // An old unbound value put back (from a backup) no longer passes for the bound row.
    await store(app, id, { appSecretCiphertext: unbound.appSecretCiphertext });
    await expectRefused(id, 'app_secret_ciphertext');
  });

  test('an unbound row with an unreadable value is left unbound and counted, the rest of the user\'s rows are bound', async () => {
    const { app } = env;
    const userId = newUserId();
    const [broken, fine] = await seedCredentials(env, userId, 2);
    const keys = app.services.keys;
    for (const seeded of [broken!, fine!]) {
      await store(app, seeded.credential.id, {
        accessTokenCiphertext: await keys.encryptFor(userId, seeded.secrets.accessToken),
        appSecretCiphertext: await keys.encryptFor(userId, seeded.secrets.appSecret),
        verifyTokenCiphertext: await keys.encryptFor(userId, seeded.secrets.verifyToken),
        secretsBinding: SecretsBinding.UNBOUND,
      });
    }
    const other = await storedCiphertexts(app, (await seedCredentials(env, newUserId(), 1))[0]!.credential.id);
    await store(app, broken!.credential.id, { appSecretCiphertext: other.appSecretCiphertext });

    const deps = { orm: app.orm, keys, ciphertexts: new CiphertextRegistry([credentialCiphertextColumns]), logger: app.logger, pageRows: 10 };
    const outcome = await rewrapUserCiphertexts(deps, userId);
    expect(outcome).toEqual({ targetVersion: 1, rewrapped: 3, unreadable: 1 });
    expect((await rowOf(app, broken!.credential.id)).secretsBinding).toBe(SecretsBinding.UNBOUND);
    expect((await rowOf(app, fine!.credential.id)).secretsBinding).toBe(SecretsBinding.BOUND_V1);
    expect(await secretsOf(app, fine!.credential.id)).toEqual(fine!.secrets);
  });
});

describe('binding rows written before this release, at start-up', () => {
  test('a restart queues the rewrap that binds them, and the job binds them', async () => {
    const first = await startKeyTestApp('embedded');
    const userId = newUserId();
    const [seeded] = await seedCredentials(first, userId, 1);
    const id = seeded!.credential.id;
    const keys = first.app.services.keys;
    await store(first.app, id, {
      accessTokenCiphertext: await keys.encryptFor(userId, seeded!.secrets.accessToken),
      appSecretCiphertext: await keys.encryptFor(userId, seeded!.secrets.appSecret),
      verifyTokenCiphertext: await keys.encryptFor(userId, seeded!.secrets.verifyToken),
      secretsBinding: SecretsBinding.UNBOUND,
    });
    expect(await first.app.services.keyRotation.enqueueBindingRewraps()).toBe(1);
    await eventually(async () => ((await rowOf(first.app, id)).secretsBinding === SecretsBinding.BOUND_V1 ? true : undefined), 'the row to be bound');
    expect(await secretsOf(first.app, id)).toEqual(seeded!.secrets);
    expect(await first.app.services.keyRotation.enqueueBindingRewraps()).toBe(0);
  });
});

describe('a refused read while another transaction holds the credential row', () => {
  test('is still refused at once (the marking gives up on the lock instead of waiting), and the next read marks it', async () => {
    const env = await startKeyTestApp('embedded');
    const { app } = env;
    const [seeded] = await seedCredentials(env, newUserId(), 1);
    const id = seeded!.credential.id;
    const stored = await storedCiphertexts(app, id);
    await store(app, id, { appSecretCiphertext: stored.verifyTokenCiphertext });

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = app.orm.em.fork().transactional(async (tx) => {
      await tx.findOneOrFail(WhatsAppCredential, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      locked();
      await held;
    });
    await lockTaken;
    try {
      await expect(secretsOf(app, id)).rejects.toBeInstanceOf(CredentialSecretsUnreadableError);
      expect((await rowOf(app, id)).statusReason).not.toBe(CredentialStatusReason.SECRETS_UNREADABLE);
    } finally {
      release();
      await holder;
    }
    await expect(secretsOf(app, id)).rejects.toBeInstanceOf(CredentialSecretsUnreadableError);
    expect((await rowOf(app, id)).statusReason).toBe(CredentialStatusReason.SECRETS_UNREADABLE);
    expect(await integrityAudits(app, id)).toHaveLength(1);
  });
});
