import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../src/audit';
import { WhatsAppMigration } from '../../src/platform-migration';
import {
  AgentLineDocument,
  RollBackWhatsAppMigrationDocument,
  RunWhatsAppMigrationDocument,
  WhatsAppMigrationPreviewDocument,
  WhatsAppMigrationStatusDocument,
} from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { connectOwnNumber, customerWrites, enablePlatformAgent, sendAsAgent, startPlatformApp, type PlatformTestApp } from './platform-fixtures';

jest.setTimeout(180_000);

let t: PlatformTestApp;
beforeAll(async () => {
  t = await startPlatformApp({ MIGRATION_ROLLBACK_WINDOW_HOURS: '48' });
});

async function lineOf(token: string, agentId: string) {
  const result = await postGraphQL(t.app.graphqlUrl, AgentLineDocument, { authorization: token, variables: { agentId } });
  return result.data!.agentWhatsApp;
}

/** Migration phase 2: the wizard, from preview to rollback. */
test('preview, a run that fails part-way and its rollback, a successful run, rollback within the window and not after it', async () => {
  const userId = randomUUID();
  const token = await t.app.tokenFor(userId);
  const gql = <T, V>(doc: Parameters<typeof postGraphQL<T, V>>[1], variables?: V) => postGraphQL(t.app.graphqlUrl, doc, { authorization: token, variables });
  const sales = await enablePlatformAgent(t, token);
  const support = await enablePlatformAgent(t, token);

  // Preview with no own number: what is missing, in words.
  let preview = (await gql(WhatsAppMigrationPreviewDocument)).data!.whatsAppMigrationPreview;
  expect(preview).toMatchObject({ source: 'PLATFORM', ready: false, rollbackWindowHours: 48, migration: null });
  expect(preview.requirements[0]).toContain('Connect 2 more WhatsApp Business numbers');
  const early = await gql(RunWhatsAppMigrationDocument, {});
  expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

  const first = await connectOwnNumber(t, token);
  const second = await connectOwnNumber(t, token);
  preview = (await gql(WhatsAppMigrationPreviewDocument)).data!.whatsAppMigrationPreview;
  expect(preview.ready).toBe(true);
  expect(preview.agents).toEqual([
    expect.objectContaining({ agentId: sales.agentId, credentialId: first.credentialId, credentialStatus: 'ACTIVE' }),
    expect.objectContaining({ agentId: support.agentId, credentialId: second.credentialId }),
  ]);

  // Meta revokes the second number's token after the preview: the run stops before moving anything.
  t.sandbox.revokeToken(second.account.tokens.valid);
  const failed = (await gql(RunWhatsAppMigrationDocument, {})).data!.runWhatsAppMigration;
  expect(failed.state).toBe('FAILED');
  expect(failed.steps.map((s) => [s.step, s.credentialId, s.outcome])).toEqual([
    ['validate_credential', first.credentialId, 'OK'],
    ['configure_webhook', first.credentialId, 'OK'],
    ['validate_credential', second.credentialId, 'FAILED'],
    ['move_agents', null, 'SKIPPED'],
  ]);
  expect(failed.steps[2]).toMatchObject({ code: 'CREDENTIAL_UNAVAILABLE', message: expect.stringContaining('access token is not valid') });
  expect((await lineOf(token, sales.agentId)).status!.line).toBe('PLATFORM');
  await customerWrites(t, t.platform.phoneNumberId, '15550006666', `hi ${sales.platformCode}`);
  const duringFailure = await sendAsAgent(t, token, sales.agentId, '+15550006666', 'during-failure');
  expect(duringFailure.data?.sendWhatsAppMessage.credentialId).toBe(t.platformCredentialId);

  // Rolling back after the partial failure leaves the user on the platform, audited.
  const rolledBackAfterFailure = (await gql(RollBackWhatsAppMigrationDocument)).data!.rollBackWhatsAppMigration;
  expect(rolledBackAfterFailure).toMatchObject({ state: 'ROLLED_BACK', canRollBack: false });
  expect((await lineOf(token, support.agentId)).status!.line).toBe('PLATFORM');
  const again = await gql(RollBackWhatsAppMigrationDocument);
  expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

  // The user connects a third number and sends the support agent there explicitly.
  const third = await connectOwnNumber(t, token);
  const done = (await gql(RunWhatsAppMigrationDocument, { input: { agents: [{ agentId: support.agentId, credentialId: third.credentialId }] } })).data!.runWhatsAppMigration;
  expect(done).toMatchObject({ state: 'COMPLETED', canRollBack: true, runs: 2 });
  expect(new Date(done.rollbackDeadline!).getTime() - new Date(done.completedAt!).getTime()).toBe(48 * 3_600_000);
  expect(await lineOf(token, sales.agentId)).toMatchObject({ credentialId: first.credentialId, status: { line: 'USER', credentialStatus: 'ACTIVE' } });
  expect(await lineOf(token, support.agentId)).toMatchObject({ credentialId: third.credentialId, phoneNumberId: third.account.phoneNumberId });

  // After the move: sends leave from the user's own number; the old platform link still reaches the agent.
  t.sandbox.openWindow(first.account.phoneNumberId, '15550007777');
  await customerWrites(t, first.account.phoneNumberId, '15550007777', 'hi there');
  const own = await sendAsAgent(t, token, sales.agentId, '+15550007777', 'after-move');
  expect(own.data?.sendWhatsAppMessage.credentialId).toBe(first.credentialId);
  const viaOldLink = await customerWrites(t, t.platform.phoneNumberId, '15550008888', `hello ${sales.platformCode}`);
  expect(viaOldLink).toMatchObject({ userId, agentId: sales.agentId });

  // Rollback within the window: every agent back where it was, sends from the platform number again.
  const rolledBack = (await gql(RollBackWhatsAppMigrationDocument)).data!.rollBackWhatsAppMigration;
  expect(rolledBack.state).toBe('ROLLED_BACK');
  expect(await lineOf(token, sales.agentId)).toMatchObject({ credentialId: null, status: { line: 'PLATFORM' } });
  const back = await sendAsAgent(t, token, sales.agentId, '+15550008888', 'after-rollback');
  expect(back.data?.sendWhatsAppMessage.credentialId).toBe(t.platformCredentialId);

  // Once the window has passed, the migration stays.
  expect((await gql(RunWhatsAppMigrationDocument, { input: { agents: [{ agentId: support.agentId, credentialId: third.credentialId }] } })).data!.runWhatsAppMigration.state).toBe('COMPLETED');
  await t.app.orm.em.fork().nativeUpdate(WhatsAppMigration, { userId }, { rollbackDeadline: new Date(Date.now() - 1000) });
  const late = await gql(RollBackWhatsAppMigrationDocument);
  expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(late.errors?.[0]?.message).toContain('rollback window ended');
  expect((await gql(WhatsAppMigrationStatusDocument)).data!.whatsAppMigration).toMatchObject({ state: 'COMPLETED', canRollBack: false });
  const rerun = await gql(RunWhatsAppMigrationDocument, {});
  expect(rerun.errors?.[0]?.extensions?.code).toBe('CONFLICT');

  const audit = await t.app.orm.em.fork().find(AuditEntry, { subjectUserId: userId, action: { $like: 'migration.%' } }, { orderBy: { id: 'asc' } });
  expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
    'migration.run:rejected',
    'migration.run:failure',
    'migration.rollback:success',
    'migration.rollback:rejected',
    'migration.run:success',
    'migration.rollback:success',
    'migration.run:success',
    'migration.rollback:rejected',
    'migration.run:rejected',
  ]);
});

test('another user cannot see or roll back someone\'s migration', async () => {
  const owner = randomUUID();
  const ownerToken = await t.app.tokenFor(owner);
  await enablePlatformAgent(t, ownerToken);
  const { credentialId } = await connectOwnNumber(t, ownerToken);
  const run = await postGraphQL(t.app.graphqlUrl, RunWhatsAppMigrationDocument, { authorization: ownerToken, variables: {} });
  expect(run.data?.runWhatsAppMigration.state).toBe('COMPLETED');
  expect(run.data?.runWhatsAppMigration.steps[0]?.credentialId).toBe(credentialId);

  const strangerToken = await t.app.tokenFor(randomUUID());
  const status = await postGraphQL(t.app.graphqlUrl, WhatsAppMigrationStatusDocument, { authorization: strangerToken });
  expect(status.data?.whatsAppMigration).toBeNull();
  const rollback = await postGraphQL(t.app.graphqlUrl, RollBackWhatsAppMigrationDocument, { authorization: strangerToken });
  expect(rollback.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect((await t.app.orm.em.fork().findOneOrFail(WhatsAppMigration, { userId: owner })).state).toBe('COMPLETED');
});
