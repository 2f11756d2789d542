import { randomUUID } from 'node:crypto';
import { AgentWhatsAppConfig } from '../../src/agents/agent-whatsapp-config.entity';
import { AuditEntry, AuditOutcome, auditSeparately } from '../../src/audit';
import { readCredentialSecrets, WhatsAppCredential } from '../../src/credentials';
import { UserKeyRotation } from '../../src/key-rotation';
import { asCiphertext, KeyNotFoundError } from '../../src/adapters/keys';
import { Conversation } from '../../src/messaging/conversation.entity';
import { MessageDirection } from '../../src/messaging/message-enums';
import { Message } from '../../src/messaging/message.entity';
import { UserErasure } from '../../src/user-erasure';
import { WebhookDelivery, WebhookEndpoint } from '../../src/webhooks';
import { DeleteUserDataDocument, RotateUserKeyDocument } from '../generated/graphql';
import { seedCredential } from '../support/credential-fixtures';
import { postGraphQL } from '../support/graphql-http';
import { newUserId, type TestApp } from '../support/start-test-app';
import { eventually, KEY_PREFIX, startKeyTestApp, storedCiphertexts, type KeyTestApp, type StoredSecrets } from '../key-rotation/key-fixtures';

interface SeededUser {
  userId: string;
  credentialIds: string[];
  /** Copies of the stored ciphertexts taken before the erasure, as a backup would hold them. */
  backups: StoredSecrets[];
  secrets: string[];
}

/** Two credentials with their endpoints, plus a conversation, messages, an agent config and a webhook delivery. */
async function seedUserData(env: KeyTestApp, userId = newUserId()): Promise<SeededUser> {
  const { app, sandbox } = env;
  const seeded: SeededUser = { userId, credentialIds: [], backups: [], secrets: [] };
  for (let i = 0; i < 2; i += 1) {
    const account = sandbox.sandbox.createAccount();
    const { credential, endpoint, verifyToken } = await seedCredential(app, userId, account);
    seeded.credentialIds.push(credential.id);
    seeded.backups.push(await storedCiphertexts(app, credential.id));
    seeded.secrets.push(account.tokens.valid, account.appSecret, verifyToken);
    const em = app.orm.em.fork();
    const conversation = em.create(Conversation, { userId, phoneNumberId: account.phoneNumberId, customerWaId: `1555000${i}${Date.now() % 1000}` });
    for (const direction of [MessageDirection.INBOUND, MessageDirection.OUTBOUND]) {
      em.create(Message, {
        userId,
        credentialId: credential.id,
        conversationId: conversation.id,
        fromPhone: '15550001111',
        toPhone: '15550002222',
        direction,
        messageType: 'text',
        content: { body: 'a customer message' },
        timestamp: new Date(),
      });
    }
    em.create(AgentWhatsAppConfig, { agentId: randomUUID(), userId, credential: credential.id, phoneNumberId: account.phoneNumberId });
    em.create(WebhookDelivery, { endpointId: endpoint.id, rawBody: Buffer.from('{"object":"whatsapp_business_account"}') });
    await em.flush();
  }
  return seeded;
}

async function rowsOf(app: TestApp, userId: string, credentialIds: string[]) {
  const em = app.orm.em.fork();
  const endpoints = await em.find(WebhookEndpoint, { userId });
  return {
    credentials: await em.count(WhatsAppCredential, { userId }),
    webhookEndpoints: endpoints.length,
    webhookDeliveries: endpoints.length === 0 ? 0 : await em.count(WebhookDelivery, { endpointId: { $in: endpoints.map((e) => e.id) } }),
    agentConfigs: await em.count(AgentWhatsAppConfig, { userId }),
    conversations: await em.count(Conversation, { userId }),
    messages: await em.count(Message, { $or: [{ userId }, { credentialId: { $in: credentialIds } }] }),
    keyRotationRecords: await em.count(UserKeyRotation, { userId }),
  };
}

const erased = { credentials: 2, webhookEndpoints: 2, webhookDeliveries: 2, agentConfigs: 2, conversations: 2, messages: 4, keyRotationRecords: 1 };
const nothing = { credentials: 0, webhookEndpoints: 0, webhookDeliveries: 0, agentConfigs: 0, conversations: 0, messages: 0, keyRotationRecords: 0 };

describe.each(['embedded', 'vault'] as const)('deleteWhatsAppUserData with the %s key backend', (backend) => {
  let env: KeyTestApp;

  beforeAll(async () => {
    env = await startKeyTestApp(backend);
  });

  test('the host erases a user: every row goes, the key is destroyed, and ciphertexts copied before no longer decrypt', async () => {
    const { app, logs, vault } = env;
    const user = await seedUserData(env);
    const bystander = await seedUserData(env);
    const owner = await app.tokenFor(user.userId);
    const rotated = logs.next(/rewrapped a user's secrets/, (record) => record.userId === user.userId);
    await postGraphQL(app.graphqlUrl, RotateUserKeyDocument, { authorization: owner });
    await rotated;
    // What the key service's cache held must not survive the erasure either.
    const em = app.orm.em.fork();
    await readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, user.credentialIds[0]!));
    const backups = await Promise.all(user.credentialIds.map((id) => storedCiphertexts(app, id)));

    const host = await app.tokenFor(newUserId(), ['host-service']);
    const result = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: host, variables: { userId: user.userId } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteWhatsAppUserData).toEqual({ userId: user.userId, keyDestroyed: true, hooksFailed: [], auditEntriesScrubbed: expect.any(Number), ...erased });
    expect(result.data?.deleteWhatsAppUserData?.auditEntriesScrubbed).toBeGreaterThanOrEqual(2);

    expect(await rowsOf(app, user.userId, user.credentialIds)).toEqual(nothing);
    for (const copy of [...user.backups, ...backups]) {
      for (const ciphertext of Object.values(copy)) {
        await expect(app.services.keys.decryptFor(user.userId, asCiphertext(ciphertext))).rejects.toBeInstanceOf(KeyNotFoundError);
      }
    }
    if (vault) expect(vault.hasKey(`${KEY_PREFIX}${user.userId}`)).toBe(false);

    // Nobody else's data or key is touched.
    expect(await rowsOf(app, bystander.userId, bystander.credentialIds)).toEqual({ ...erased, keyRotationRecords: 0 });
    const fresh = app.orm.em.fork();
    const other = await fresh.findOneOrFail(WhatsAppCredential, bystander.credentialIds[0]!);
    expect(await readCredentialSecrets(fresh, app.services.keys, other)).toMatchObject({ accessToken: bystander.secrets[0] });

    // Neither the response nor the logs hold a secret or a ciphertext.
    const everything = `${JSON.stringify(result)}\n${logs.text()}`;
    for (const secret of user.secrets) expect(everything).not.toContain(secret);
    for (const copy of [...user.backups, ...backups]) for (const value of Object.values(copy)) expect(everything).not.toContain(value.slice(9, 40));
  });

  test('erasing is idempotent, and audited: the erasure entry stays, older entries about the user keep no details', async () => {
    const { app } = env;
    const user = await seedUserData(env);
    await auditSeparately(app.orm.em.fork(), {
      actor: 'system',
      action: 'credential.connect',
      outcome: AuditOutcome.SUCCESS,
      subjectUserId: user.userId,
      targetType: 'credential',
      targetId: user.credentialIds[0],
      details: { phoneNumberId: '1234567890', displayName: 'Ana\'s Bakery' },
    });
    const admin = await app.tokenFor(newUserId(), ['admin']);

    const first = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: admin, variables: { userId: user.userId } });
    expect(first.data?.deleteWhatsAppUserData).toMatchObject({ ...erased, keyRotationRecords: 0 });
    expect(first.data?.deleteWhatsAppUserData?.auditEntriesScrubbed).toBeGreaterThanOrEqual(1);
    const again = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: admin, variables: { userId: user.userId.toUpperCase() } });
    expect(again.data?.deleteWhatsAppUserData).toEqual({ userId: user.userId, keyDestroyed: true, hooksFailed: [], auditEntriesScrubbed: 0, ...nothing });

    // Webhook configuration, teardown and delivery entries come and go with timing; the ones that matter:
    const entries = (await app.orm.em.fork().find(AuditEntry, { subjectUserId: user.userId }, { orderBy: { id: 'asc' } })).filter(
      (entry) => !entry.action.startsWith('webhook.'),
    );
    expect(entries.every((entry) => entry.action === 'user.erase' || entry.details === null)).toBe(true);
    expect(entries.map((entry) => [entry.action, entry.actorRole, entry.outcome, entry.details])).toEqual([
      ['credential.connect', 'system', 'success', null],
      ['user.erase', 'admin', 'success', expect.objectContaining({ credentials: 2, messages: 4, keyDestroyed: true })],
      ['user.erase', 'admin', 'success', expect.objectContaining({ credentials: 0, keyDestroyed: true })],
    ]);
  });

  test('anyone but the host or an admin gets FORBIDDEN, even for their own data; bad ids are BAD_USER_INPUT', async () => {
    const { app } = env;
    const user = await seedUserData(env);
    const self = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, {
      authorization: await app.tokenFor(user.userId),
      variables: { userId: user.userId },
    });
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { variables: { userId: user.userId } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const host = await app.tokenFor(newUserId(), ['host-service']);
    const junk = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: host, variables: { userId: '../transit/keys' } });
    expect(junk.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });

    expect(await rowsOf(app, user.userId, user.credentialIds)).toEqual({ ...erased, keyRotationRecords: 0 });
    expect(await app.services.keys.info(user.userId)).toEqual({ latestVersion: 1, minDecryptionVersion: 1 });
    const rejected = await app.orm.em.fork().find(AuditEntry, { subjectUserId: user.userId, action: 'user.erase' });
    expect(rejected.map((entry) => [entry.outcome, entry.errorCode])).toEqual([['rejected', 'FORBIDDEN']]);
  });

  test('before-erasure hooks see the credentials while they still decrypt; a failing hook does not stop the erasure', async () => {
    const { app } = env;
    const user = await seedUserData(env);
    const seen: string[] = [];
    app.services.userErasure.onBeforeErase({
      name: 'test.read-secrets',
      run: async ({ userId, credentials, em }) => {
        if (userId !== user.userId) return;
        for (const credential of credentials) seen.push((await readCredentialSecrets(em, app.services.keys, credential)).accessToken);
      },
    });
    app.services.userErasure.onBeforeErase({
      name: 'test.failing',
      run: async ({ userId }) => {
        if (userId === user.userId) throw new Error('Meta is down');
      },
    });

    const host = await app.tokenFor(newUserId(), ['host-service']);
    const result = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: host, variables: { userId: user.userId } });
    expect(result.data?.deleteWhatsAppUserData).toMatchObject({ hooksFailed: ['test.failing'], credentials: 2, keyDestroyed: true });
    expect(seen.sort()).toEqual([user.secrets[0], user.secrets[3]].sort());
  });
});

describe('deleteWhatsAppUserData edge cases', () => {
  test('Vault unavailable: DEPENDENCY_UNAVAILABLE, nothing deleted, the key kept, the failure audited', async () => {
    const env = await startKeyTestApp('vault');
    const { app, vault } = env;
    const user = await seedUserData(env);
    vault!.seal();
    const host = await app.tokenFor(newUserId(), ['host-service']);
    const result = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: host, variables: { userId: user.userId } });
    expect(result.errors?.[0]?.extensions?.code).toBe('DEPENDENCY_UNAVAILABLE');
    vault!.unseal();

    expect(await rowsOf(app, user.userId, user.credentialIds)).toEqual({ ...erased, keyRotationRecords: 0 });
    expect(vault!.hasKey(`${KEY_PREFIX}${user.userId}`)).toBe(true);
    const failures = await app.orm.em.fork().find(AuditEntry, { subjectUserId: user.userId, action: 'user.erase' });
    expect(failures.map((entry) => [entry.outcome, entry.errorCode])).toEqual([['failure', 'KeyServiceUnavailableError']]);
  });

  test('Vault failing after the hooks ran: nothing deleted, and the credentials are not left half-deleted', async () => {
    const env = await startKeyTestApp('vault');
    const { app, vault } = env;
    const user = await seedUserData(env);
    // Runs after the credential-lifecycle hook (registration order), which has begun each deletion.
    app.services.userErasure.onBeforeErase({ name: 'test.seal', run: async () => vault!.seal() });
    const host = await app.tokenFor(newUserId(), ['host-service']);
    const result = await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: host, variables: { userId: user.userId } });
    expect(result.errors?.[0]?.extensions?.code).toBe('DEPENDENCY_UNAVAILABLE');
    vault!.unseal();

    expect(await rowsOf(app, user.userId, user.credentialIds)).toEqual({ ...erased, keyRotationRecords: 0 });
    const credentials = await app.orm.em.fork().find(WhatsAppCredential, { id: { $in: user.credentialIds } });
    // A credential left marked would have its webhook configuration skipped and undone from then on.
    expect(credentials.map((credential) => credential.deletingAt)).toEqual([null, null]);
  });

  test('a hook that hangs is abandoned after its timeout and the erasure goes on', async () => {
    const env = await startKeyTestApp('embedded');
    const { app } = env;
    const user = await seedUserData(env);
    const erasure = new UserErasure({ orm: app.orm, keys: app.services.keys, logger: app.logger, keyRotation: app.services.keyRotation, hookTimeoutMs: 50 });
    let aborted = false;
    erasure.onBeforeErase({
      name: 'test.hanging',
      run: ({ signal }) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          });
        }),
    });
    const result = await erasure.erase('system', user.userId, null);
    expect(result).toMatchObject({ hooksFailed: ['test.hanging'], credentials: 2 });
    expect(aborted).toBe(true);
  });

  test('a rotate-all run waiting for an erased user\'s rewrap counts them as done', async () => {
    const env = await startKeyTestApp('embedded', { KEY_REWRAP_GRACE_SECONDS: '3600' });
    const { app } = env;
    const user = await seedUserData(env);
    const admin = await app.tokenFor(newUserId(), ['admin']);
    const run = await app.services.keyRotation.startRotateAll('system', null);
    await eventually(() => app.orm.em.fork().findOne(UserKeyRotation, user.userId).then((r) => r ?? undefined), 'the run to rotate the user');
    await postGraphQL(app.graphqlUrl, DeleteUserDataDocument, { authorization: admin, variables: { userId: user.userId } });
    const finished = await eventually(
      () => app.services.keyRotation.run(run.id).then((r) => (r?.state === 'running' ? undefined : r)),
      'the run to finish',
    );
    expect(finished).toMatchObject({ state: 'completed', total: 1, done: 1, failed: 0 });
  });
});
