import { readCredentialSecrets, WhatsAppCredential } from '../../src/credentials';
import { AuditEntry } from '../../src/audit';
import { RotateUserKeyDocument, UserKeyInfoDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { newUserId } from '../support/start-test-app';
import { APP_POLICY, seedCredentials, startKeyTestApp, storedCiphertexts, type KeyTestApp } from './key-fixtures';

describe('rotateWhatsAppUserKey and whatsAppUserKeyInfo over GraphQL', () => {
  let env: KeyTestApp;

  beforeAll(async () => {
    env = await startKeyTestApp('embedded');
  });

  test('a user rotates their own key: secrets are rewrapped in the background, old versions retired, nothing secret is returned or logged', async () => {
    const { app, logs } = env;
    const userId = newUserId();
    const seeded = await seedCredentials(env, userId, 2);
    const before = await Promise.all(seeded.map(({ credential }) => storedCiphertexts(app, credential.id)));
    const authorization = await app.tokenFor(userId);

    const rewrapped = logs.next(/rewrapped a user's secrets/, (record) => record.userId === userId);
    const rotated = await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization });
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data?.rotateWhatsAppUserKey).toMatchObject({
      userId,
      latestVersion: 2,
      minDecryptionVersion: 1,
      rewrapState: 'PENDING',
      rotatedAt: expect.any(String),
      rewrapCompletedAt: null,
      lastError: null,
    });

    await rewrapped;
    const info = await postGraphQL(app.graphqlUrl, UserKeyInfoDocument, { authorization });
    expect(info.data?.whatsAppUserKeyInfo).toMatchObject({
      userId,
      latestVersion: 2,
      minDecryptionVersion: 2,
      rewrapState: 'COMPLETE',
      rewrappedSecrets: 6,
      unreadableSecrets: 0,
      rewrapCompletedAt: expect.any(String),
    });

    const em = app.orm.em.fork();
    for (const { credential, secrets } of seeded) {
      expect(await readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, credential.id))).toEqual(secrets);
    }
    const after = await Promise.all(seeded.map(({ credential }) => storedCiphertexts(app, credential.id)));
    const responses = JSON.stringify([rotated, info]);
    const everything = `${responses}\n${logs.text()}`;
    for (const stored of [...before, ...after]) {
      for (const ciphertext of Object.values(stored)) expect(everything).not.toContain(ciphertext.slice(9, 40));
    }
    for (const { secrets } of seeded) for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
    expect(responses).not.toMatch(/vault:v\d/);

    const audit = await em.find(AuditEntry, { subjectUserId: userId }, { orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.actorRole, entry.outcome])).toEqual([
      ['key.rotate', 'user', 'success'],
      ['key.rewrap', 'system', 'success'],
    ]);
  });

  test('an admin may rotate and read any user\'s key', async () => {
    const { app, logs } = env;
    const userId = newUserId();
    await seedCredentials(env, userId, 1);
    const admin = await app.tokenFor(newUserId(), ['admin']);
    const rewrapped = logs.next(/rewrapped a user's secrets/, (record) => record.userId === userId);
    const rotated = await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization: admin, variables: { userId } });
    expect(rotated.data?.rotateWhatsAppUserKey).toMatchObject({ userId, latestVersion: 2 });
    await rewrapped;
    const info = await postGraphQL(app.graphqlUrl, UserKeyInfoDocument, { authorization: admin, variables: { userId } });
    expect(info.data?.whatsAppUserKeyInfo.userId).toBe(userId);
  });

  test('another user\'s key, a malformed id and a user without a key are all NOT_FOUND, and nothing is rotated', async () => {
    const { app } = env;
    const owner = newUserId();
    await seedCredentials(env, owner, 1);
    const intruder = await app.tokenFor(newUserId());

    for (const variables of [{ userId: owner }, { userId: 'not-a-uuid' }, { userId: newUserId() }]) {
      const rotated = await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization: intruder, variables });
      expect(rotated.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const info = await postGraphQL(app.graphqlUrl, UserKeyInfoDocument, { authorization: intruder, variables });
      expect(info.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // A viewer who never connected an account has no key to rotate.
    const own = await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization: intruder });
    expect(own.errors?.[0]).toMatchObject({ message: 'Encryption key not found.', extensions: { code: 'NOT_FOUND' } });
    expect(await app.services.keys.info(owner)).toEqual({ latestVersion: 1, minDecryptionVersion: 1 });
  });

  test('without a token: UNAUTHENTICATED', async () => {
    const result = await postGraphQL(env.app.graphqlUrl, RotateUserKeyDocument);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('rotateWhatsAppUserKey when Vault fails', () => {
  test('a rewrap Vault refuses is recorded as FAILED: older versions stay usable and every secret stays readable', async () => {
    const env = await startKeyTestApp('vault');
    const { app, vault, logs } = env;
    const userId = newUserId();
    const [{ credential, secrets }] = (await seedCredentials(env, userId, 1)) as [Awaited<ReturnType<typeof seedCredentials>>[number]];
    // Bound secrets are rewrapped as a batch decrypt plus a batch encrypt: refuse the encrypt half.
    vault!.setPolicy(APP_POLICY.filter((rule) => !rule.path.startsWith('transit/encrypt/')));
    const authorization = await app.tokenFor(userId);

    const gaveUp = logs.next(/gave up rewrapping/, (record) => record.userId === userId);
    await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization });
    await gaveUp;

    const info = await postGraphQL(app.graphqlUrl, UserKeyInfoDocument, { authorization });
    expect(info.data?.whatsAppUserKeyInfo).toMatchObject({ latestVersion: 2, minDecryptionVersion: 1, rewrapState: 'FAILED' });
    expect(info.data?.whatsAppUserKeyInfo.lastError).toMatch(/^KeyPermissionDeniedError: Vault denied "rewrap"/);
    const em = app.orm.em.fork();
    expect(await readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, credential.id))).toEqual(secrets);
  });

  test('Vault sealed or refusing the token: DEPENDENCY_UNAVAILABLE, the key unchanged, the refusal logged for operators', async () => {
    const env = await startKeyTestApp('vault');
    const { app, vault, logs } = env;
    const userId = newUserId();
    await seedCredentials(env, userId, 1);
    const authorization = await app.tokenFor(userId);

    vault!.seal();
    const sealed = await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization });
    expect(sealed.errors?.[0]?.extensions?.code).toBe('DEPENDENCY_UNAVAILABLE');
    vault!.unseal();

    vault!.setTokenValid(false);
    const refused = await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization });
    expect(refused.errors?.[0]?.extensions?.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(logs.matching(/refused the plugin's token/)).toEqual([expect.objectContaining({ level: 50, reason: 'invalid-token' })]);
    vault!.setTokenValid(true);

    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 1, minDecryptionVersion: 1 });
    const failures = await app.orm.em.fork().find(AuditEntry, { subjectUserId: userId, action: 'key.rotate' });
    expect(failures.map((entry) => [entry.outcome, entry.errorCode])).toEqual([
      ['failure', 'KeyServiceUnavailableError'],
      ['failure', 'KeyPermissionDeniedError'],
    ]);
  });
});
