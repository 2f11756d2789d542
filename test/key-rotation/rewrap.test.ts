import { credentialSecretLocation, readCredentialSecrets, WhatsAppCredential, writeCredentialSecrets } from '../../src/credentials';
import { CiphertextRegistry, credentialCiphertextColumns } from '../../src/key-rotation';
import { RewrapRaceError } from '../../src/key-rotation/job-errors';
import { rewrapUserCiphertexts, type RewrapDependencies } from '../../src/key-rotation/rewrap-user-ciphertexts';
import { asCiphertext, CiphertextTooOldError, KeyServiceUnavailableError } from '../../src/adapters/keys';
import { newUserId, type TestApp } from '../support/start-test-app';
import { KEY_PREFIX, seedCredentials, startKeyTestApp, storedCiphertexts, versionsOf, type KeyTestApp } from './key-fixtures';

function rewrapDeps(app: TestApp, pageRows: number): RewrapDependencies {
  return {
    orm: app.orm,
    keys: app.services.keys,
    ciphertexts: new CiphertextRegistry([credentialCiphertextColumns]),
    logger: app.logger,
    pageRows,
  };
}

async function secretsOf(app: TestApp, credentialId: string) {
  const em = app.orm.em.fork();
  return readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, credentialId));
}

/**
 * Bound ciphertexts are rewrapped as one batch decrypt and one batch encrypt (transit's rewrap takes no
 * associated data): the batch decrypt marks each batch.
 */
const rewrapPath = (userId: string) => (r: { path: string }) => r.path === `transit/decrypt/${KEY_PREFIX}${userId}`;
const location = (credentialId: string, column: string) => credentialSecretLocation(credentialId, column);

describe('rewrapping a user\'s ciphertexts after a rotation', () => {
  let env: KeyTestApp;

  beforeAll(async () => {
    env = await startKeyTestApp('vault');
  });

  test('moves every secret to the new version in batches, retires the old version, and every secret still reads back', async () => {
    const { app, vault } = env;
    const userId = newUserId();
    const other = newUserId();
    const seeded = await seedCredentials(env, userId, 3);
    const [untouched] = await seedCredentials(env, other, 1);
    const before = await storedCiphertexts(app, seeded[0]!.credential.id);

    await app.services.keys.rotate(userId);
    const outcome = await rewrapUserCiphertexts(rewrapDeps(app, 2), userId);

    expect(outcome).toEqual({ targetVersion: 2, rewrapped: 9, unreadable: 0 });
    // Three rows, two per page: two batch_input requests of six and three ciphertexts.
    const batches = vault!.requests
      .filter(rewrapPath(userId))
      .flatMap((r) => (r.body as { batch_input?: unknown[] }).batch_input?.length ?? []);
    expect(batches).toEqual([6, 3]);
    for (const { credential, secrets } of seeded) {
      expect(versionsOf(await storedCiphertexts(app, credential.id))).toEqual([2, 2, 2]);
      expect(await secretsOf(app, credential.id)).toEqual(secrets);
    }
    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    // A copy taken before the rotation (a backup) no longer decrypts once the old version is retired.
    await expect(
      app.services.keys.decryptFor(userId, asCiphertext(before.accessTokenCiphertext), location(seeded[0]!.credential.id, 'accessTokenCiphertext')),
    ).rejects.toBeInstanceOf(CiphertextTooOldError);
    // Another user's secrets and key are untouched.
    expect(versionsOf(await storedCiphertexts(app, untouched!.credential.id))).toEqual([1, 1, 1]);
    expect(await app.services.keys.info(other)).toEqual({ latestVersion: 1, minDecryptionVersion: 1 });

    // Idempotent: a second run finds nothing left to do.
    expect(await rewrapUserCiphertexts(rewrapDeps(app, 2), userId)).toEqual({ targetVersion: 2, rewrapped: 0, unreadable: 0 });
  });

  test('a secret changed while its old value is being rewrapped keeps its new value', async () => {
    const { app, vault } = env;
    const userId = newUserId();
    const [{ credential, secrets }] = await seedCredentials(env, userId, 1) as [Awaited<ReturnType<typeof seedCredentials>>[number]];
    await app.services.keys.rotate(userId);

    const release = vault!.holdRequests(rewrapPath(userId));
    const arrived = vault!.nextArrival(rewrapPath(userId));
    const rewrapping = rewrapUserCiphertexts(rewrapDeps(app, 10), userId);
    await arrived;
    // The user replaces their access token while the rewrap of the old one is in flight.
    const em = app.orm.em.fork();
    const loaded = await em.findOneOrFail(WhatsAppCredential, credential.id);
    await writeCredentialSecrets(app.services.keys, loaded, { accessToken: 'EAAG-the-replaced-token' });
    await em.flush();
    release();

    const outcome = await rewrapping;
    expect(outcome).toEqual({ targetVersion: 2, rewrapped: 2, unreadable: 0 });
    expect(await secretsOf(app, credential.id)).toEqual({ ...secrets, accessToken: 'EAAG-the-replaced-token' });
    expect(versionsOf(await storedCiphertexts(app, credential.id))).toEqual([2, 2, 2]);
  });

  test('a crash mid-rewrap leaves every secret readable and older versions usable; running again finishes', async () => {
    const { app, vault } = env;
    const userId = newUserId();
    const seeded = await seedCredentials(env, userId, 3);
    await app.services.keys.rotate(userId);

    let seen = 0;
    const isSecondBatch = (r: { path: string }) => rewrapPath(userId)(r) && ++seen === 2;
    const release = vault!.holdRequests(isSecondBatch);
    const arrived = vault!.nextArrival(rewrapPath(userId));
    const rewrapping = rewrapUserCiphertexts(rewrapDeps(app, 1), userId);
    await arrived;
    await vault!.nextArrival(rewrapPath(userId));
    // Vault goes down under the second batch.
    vault!.seal();
    release();
    await expect(rewrapping).rejects.toBeInstanceOf(KeyServiceUnavailableError);
    vault!.unseal();

    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 1 });
    const versions = await Promise.all(seeded.map(async ({ credential }) => versionsOf(await storedCiphertexts(app, credential.id))));
    expect(versions.flat().sort()).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2]);
    for (const { credential, secrets } of seeded) expect(await secretsOf(app, credential.id)).toEqual(secrets);

    expect(await rewrapUserCiphertexts(rewrapDeps(app, 1), userId)).toEqual({ targetVersion: 2, rewrapped: 6, unreadable: 0 });
    for (const { credential, secrets } of seeded) expect(await secretsOf(app, credential.id)).toEqual(secrets);
    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
  });

  test('a tampered ciphertext does not block the rotation: it is counted and logged without its value', async () => {
    const { app, logs } = env;
    const userId = newUserId();
    const [{ credential, secrets }] = await seedCredentials(env, userId, 1) as [Awaited<ReturnType<typeof seedCredentials>>[number]];
    const stored = await storedCiphertexts(app, credential.id);
    const body = Buffer.from(stored.verifyTokenCiphertext.split(':')[2]!, 'base64');
    body[body.length - 1]! ^= 0xff;
    const tampered = `vault:v1:${body.toString('base64')}`;
    await app.orm.em.fork().nativeUpdate(WhatsAppCredential, { id: credential.id }, { verifyTokenCiphertext: tampered });
    await app.services.keys.rotate(userId);

    expect(await rewrapUserCiphertexts(rewrapDeps(app, 10), userId)).toEqual({ targetVersion: 2, rewrapped: 2, unreadable: 1 });
    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    const after = await storedCiphertexts(app, credential.id);
    expect(after.verifyTokenCiphertext).toBe(tampered);
    const em = app.orm.em.fork();
    const loaded = await em.findOneOrFail(WhatsAppCredential, credential.id);
    await em.populate(loaded, ['accessTokenCiphertext', 'appSecretCiphertext'] as never);
    expect(await app.services.keys.decryptFor(userId, asCiphertext(loaded.accessTokenCiphertext), location(credential.id, 'accessTokenCiphertext'))).toBe(
      secrets.accessToken,
    );

    const warning = logs.matching(/already unreadable/).find((record) => record.rowId === credential.id);
    expect(warning).toMatchObject({ column: 'verifyTokenCiphertext', error: 'CiphertextInvalidError', table: 'whatsapp_credentials' });
    expect(logs.text()).not.toContain(tampered.slice(9, 40));
  });

  test('a secret encrypted before the rotation but stored after the old version was retired is caught and kept readable', async () => {
    const { app, vault } = env;
    const userId = newUserId();
    const [{ credential }] = await seedCredentials(env, userId, 1) as [Awaited<ReturnType<typeof seedCredentials>>[number]];
    // A slow writer encrypted its value before the rotation...
    const late = await app.services.keys.encryptFor(userId, 'written-late', location(credential.id, 'appSecretCiphertext'));
    await app.services.keys.rotate(userId);

    const isRaise = (r: { method: string; path: string }) => r.method === 'POST' && r.path === `transit/keys/${KEY_PREFIX}${userId}/config`;
    const release = vault!.holdRequests(isRaise);
    const arrived = vault!.nextArrival(isRaise);
    const rewrapping = rewrapUserCiphertexts(rewrapDeps(app, 10), userId);
    await arrived;
    // ...and stores it just as the minimum is being raised.
    await app.orm.em.fork().nativeUpdate(WhatsAppCredential, { id: credential.id }, { appSecretCiphertext: late });
    release();

    await expect(rewrapping).rejects.toBeInstanceOf(RewrapRaceError);
    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 1 });
    expect(await app.services.keys.decryptFor(userId, late, location(credential.id, 'appSecretCiphertext'))).toBe('written-late');

    // The job's retry rewraps it and retires version 1 for good.
    expect(await rewrapUserCiphertexts(rewrapDeps(app, 10), userId)).toEqual({ targetVersion: 2, rewrapped: 1, unreadable: 0 });
    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    expect((await secretsOf(app, credential.id)).appSecret).toBe('written-late');
  });
});

describe('the ciphertext registry', () => {
  test('every entity property named *Ciphertext is registered for rotation', async () => {
    const { app } = await startKeyTestApp('embedded');
    const registered = new Set(
      app.services.keyRotation.ciphertexts.registered.flatMap((set) => set.columns.map((column) => `${set.entity.name}.${column}`)),
    );
    const declared = [...app.orm.getMetadata().getAll().values()].flatMap((meta) =>
      Object.keys(meta.properties).filter((name) => /Ciphertext$/.test(name)).map((name) => `${meta.className}.${name}`),
    );
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((name) => !registered.has(name))).toEqual([]);
  });
});
