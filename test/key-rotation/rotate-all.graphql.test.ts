import { readCredentialSecrets, WhatsAppCredential } from '../../src/credentials';
import { KeyRotationRun } from '../../src/key-rotation';
import { KeyRotationRunDocument, StartKeyRotationRunDocument, type KeyRotationRunFieldsFragment } from '../generated/graphql';
import { createPluginOrm } from '../../src/app/database';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { TEST_SCHEMA } from '../support/test-database';
import { newUserId, type TestApp } from '../support/start-test-app';
import { startVaultTransitServer } from '../support/vault-transit-server';
import { APP_POLICY, eventually, KEY_PREFIX, seedCredentials, startKeyTestApp, VAULT_TOKEN, type KeyTestApp } from './key-fixtures';

type Seeded = Awaited<ReturnType<typeof seedCredentials>>;

async function seedUsers(env: KeyTestApp, users: number): Promise<Map<string, Seeded>> {
  const seeded = new Map<string, Seeded>();
  for (let i = 0; i < users; i += 1) {
    const userId = newUserId();
    seeded.set(userId, await seedCredentials(env, userId, 1 + (i % 2)));
  }
  return seeded;
}

async function finishedRun(app: TestApp, authorization: string, id: string): Promise<KeyRotationRunFieldsFragment> {
  return eventually(async () => {
    const result = await postGraphQL(app.graphqlUrl, KeyRotationRunDocument, { authorization, variables: { id } });
    const run = result.data?.whatsAppKeyRotationRun;
    return run && run.state !== 'RUNNING' ? run : undefined;
  }, `run ${id} to finish`);
}

/** Every user's key rotated exactly once and retired, and every secret still reads back to what was stored. */
async function expectRotatedAndReadable(app: TestApp, seeded: Map<string, Seeded>): Promise<void> {
  const em = app.orm.em.fork();
  for (const [userId, credentials] of seeded) {
    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    for (const { credential, secrets } of credentials) {
      expect(await readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, credential.id))).toEqual(secrets);
    }
  }
}

describe('rotating every user\'s key', () => {
  test('an admin\'s run rotates every user who has secrets, rewraps them and retires old versions; progress is visible', async () => {
    const env = await startKeyTestApp('embedded');
    const { app, logs } = env;
    const seeded = await seedUsers(env, 4);
    const adminId = newUserId();
    const admin = await app.tokenFor(adminId, ['admin']);

    const started = await postGraphQL(app.graphqlUrl, StartKeyRotationRunDocument, { authorization: admin });
    expect(started.errors).toBeUndefined();
    expect(started.data?.startWhatsAppKeyRotationRun).toMatchObject({ state: 'RUNNING', total: 4, startedBy: adminId, finishedAt: null });

    const run = await finishedRun(app, admin, started.data!.startWhatsAppKeyRotationRun.id);
    expect(run).toMatchObject({ state: 'COMPLETED', total: 4, done: 4, failed: 0, lastError: null, finishedAt: expect.any(String) });
    await expectRotatedAndReadable(app, seeded);

    const latest = await postGraphQL(app.graphqlUrl, KeyRotationRunDocument, { authorization: admin });
    expect(latest.data?.whatsAppKeyRotationRun?.id).toBe(run.id);
    expect(JSON.stringify([started, latest])).not.toMatch(/vault:v\d/);
    for (const credentials of seeded.values()) {
      for (const { secrets } of credentials) for (const secret of Object.values(secrets)) expect(logs.text()).not.toContain(secret);
    }
  });

  test('one run at a time (CONFLICT), for admins only (FORBIDDEN); an empty run completes at once; unknown ids are NOT_FOUND', async () => {
    // Rewraps wait an hour here, so the run stays RUNNING for the whole test.
    const env = await startKeyTestApp('embedded', { KEY_REWRAP_GRACE_SECONDS: '3600' });
    const { app } = env;
    const admin = await app.tokenFor(newUserId(), ['admin']);
    const user = await app.tokenFor(newUserId());

    const empty = await postGraphQL(app.graphqlUrl, StartKeyRotationRunDocument, { authorization: admin });
    expect(empty.data?.startWhatsAppKeyRotationRun).toMatchObject({ state: 'COMPLETED', total: 0, done: 0, finishedAt: expect.any(String) });

    await seedUsers(env, 2);
    const forbidden = await postGraphQL(app.graphqlUrl, StartKeyRotationRunDocument, { authorization: user });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const started = await postGraphQL(app.graphqlUrl, StartKeyRotationRunDocument, { authorization: admin });
    expect(started.data?.startWhatsAppKeyRotationRun).toMatchObject({ state: 'RUNNING', total: 2 });
    const second = await postGraphQL(app.graphqlUrl, StartKeyRotationRunDocument, { authorization: admin });
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const id = started.data!.startWhatsAppKeyRotationRun.id;
    const progress = await eventually(async () => {
      const result = await postGraphQL(app.graphqlUrl, KeyRotationRunDocument, { authorization: admin, variables: { id } });
      const row = await app.orm.em.fork().findOneOrFail(KeyRotationRun, id);
      return row.visitedAllAt ? result.data?.whatsAppKeyRotationRun : undefined;
    }, 'every user to be visited');
    // Both keys are rotated; their rewraps are queued behind the grace period, so nothing is done yet.
    expect(progress).toMatchObject({ state: 'RUNNING', total: 2, done: 0, failed: 0 });

    const peek = await postGraphQL(app.graphqlUrl, KeyRotationRunDocument, { authorization: user, variables: { id } });
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const unknown of [newUserId(), 'junk']) {
      const missing = await postGraphQL(app.graphqlUrl, KeyRotationRunDocument, { authorization: admin, variables: { id: unknown } });
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  test('a run interrupted by stopping the app resumes on a new app over the same database and finishes', async () => {
    const vault = await startVaultTransitServer({ token: VAULT_TOKEN, policy: APP_POLICY, disableUpsert: true });
    const first = await startKeyTestApp('vault', {}, { vault });
    const seeded = await seedUsers(first, 5);
    const admin = await first.app.tokenFor(newUserId(), ['admin']);

    // Vault goes down under the third user's rotation; then the app stops.
    const isRotate = (r: { method: string; path: string }) => r.method === 'POST' && r.path.startsWith(`transit/keys/${KEY_PREFIX}`) && r.path.endsWith('/rotate');
    let rotations = 0;
    let arrivals = 0;
    const release = vault.holdRequests((r) => isRotate(r) && ++rotations === 3);
    const third = vault.nextArrival((r) => isRotate(r) && ++arrivals === 3);
    const started = await postGraphQL(first.app.graphqlUrl, StartKeyRotationRunDocument, { authorization: admin });
    const id = started.data!.startWhatsAppKeyRotationRun.id;
    await third;
    vault.seal();
    release();
    await first.app.stop();

    // Looked at with no app running: two users visited, the third's rotation never happened.
    const orm = await createPluginOrm({ clientUrl: first.app.databaseUrl, schema: TEST_SCHEMA });
    onDispose(() => orm.close(true));
    expect(await orm.em.fork().findOneOrFail(KeyRotationRun, id)).toMatchObject({ state: 'running', visited: 2, total: 5 });
    expect(vault.requests.filter(isRotate)).toHaveLength(3);
    vault.unseal();

    const second = await startKeyTestApp('vault', {}, { vault, databaseUrl: first.app.databaseUrl });

    const run = await finishedRun(second.app, await second.app.tokenFor(newUserId(), ['admin']), id);
    expect(run).toMatchObject({ state: 'COMPLETED', total: 5, done: 5, failed: 0 });
    await expectRotatedAndReadable(second.app, seeded);
  });
});
