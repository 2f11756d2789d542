import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { AuditEntry } from '../../src/audit';
import { PLATFORM_OWNER_ID, WhatsAppCredential } from '../../src/credentials';
import { syncPlatformCredential } from '../../src/platform-migration';
import { WebhookEndpoint } from '../../src/webhooks';
import {
  AgentLineDocument,
  DeprecatePlatformWhatsAppDocument,
  EnableAgentWhatsAppDocument,
  PlatformWhatsAppDocument,
  RetirePlatformWhatsAppDocument,
  RollBackWhatsAppMigrationDocument,
  RunWhatsAppMigrationDocument,
  SetWhatsAppCredentialSourceDocument,
} from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { connectOwnNumber, customerWrites, enablePlatformAgent, sendAsAgent, startPlatformApp, type PlatformTestApp } from './platform-fixtures';

jest.setTimeout(180_000);

let t: PlatformTestApp;
beforeAll(async () => {
  t = await startPlatformApp();
});

/** Migration phase 3: deprecation, the report of who still depends, and the clean-up. */
test('deprecate, report dependents, refuse new use, retire only once nobody depends', async () => {
  const admin = <T, V>(doc: TypedDocumentNode<T, V>, variables?: V) => postGraphQL(t.app.graphqlUrl, doc, { authorization: t.adminToken, variables });
  const stayer = randomUUID();
  const stayerToken = await t.app.tokenFor(stayer);
  const agent = await enablePlatformAgent(t, stayerToken);
  const mover = randomUUID();
  const moverToken = await t.app.tokenFor(mover);
  await enablePlatformAgent(t, moverToken);
  await connectOwnNumber(t, moverToken);
  expect((await postGraphQL(t.app.graphqlUrl, RunWhatsAppMigrationDocument, { authorization: moverToken, variables: {} })).data?.runWhatsAppMigration.state).toBe('COMPLETED');

  const forbidden = await postGraphQL(t.app.graphqlUrl, PlatformWhatsAppDocument, { authorization: stayerToken });
  expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const deprecated = await admin(DeprecatePlatformWhatsAppDocument, { deprecated: true });
  expect(deprecated.data?.deprecatePlatformWhatsApp.deprecatedAt).not.toBeNull();
  expect(deprecated.data?.deprecatePlatformWhatsApp.dependents).toEqual([{ userId: stayer, agentCount: 1 }]);

  // No new use: a new agent on the platform number, a user put back on it, a rollback to it.
  const newAgent = await postGraphQL(t.app.graphqlUrl, EnableAgentWhatsAppDocument, {
    authorization: stayerToken,
    variables: { input: { agentId: randomUUID(), autoReply: false } },
  });
  expect(newAgent.errors?.[0]?.extensions?.code).toBe('PLATFORM_CREDENTIALS_DEPRECATED');
  const putBack = await admin(SetWhatsAppCredentialSourceDocument, { userId: mover, source: 'PLATFORM' });
  expect(putBack.errors?.[0]?.extensions?.code).toBe('PLATFORM_CREDENTIALS_DEPRECATED');
  const rollback = await postGraphQL(t.app.graphqlUrl, RollBackWhatsAppMigrationDocument, { authorization: moverToken });
  expect(rollback.errors?.[0]?.extensions?.code).toBe('PLATFORM_CREDENTIALS_DEPRECATED');

  // Existing use goes on: the stayer's agent still receives and sends on the platform number.
  await customerWrites(t, t.platform.phoneNumberId, '15550009999', `hi ${agent.platformCode}`);
  expect((await sendAsAgent(t, stayerToken, agent.agentId, '+15550009999', 'still-works')).data?.sendWhatsAppMessage.status).toBe('SENT');

  const early = await admin(RetirePlatformWhatsAppDocument);
  expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(early.errors?.[0]?.message).toContain('1 user(s) still depend');
  expect(await t.app.orm.em.fork().count(WhatsAppCredential, { platform: true })).toBe(1);

  // The last dependent moves (here by the admin's per-user flag), then the clean-up goes through.
  await admin(SetWhatsAppCredentialSourceDocument, { userId: stayer, source: 'USER' });
  const retired = await admin(RetirePlatformWhatsAppDocument);
  expect(retired.errors).toBeUndefined();
  expect(retired.data?.retirePlatformWhatsApp).toMatchObject({ credential: null, dependents: [] });
  expect(retired.data?.retirePlatformWhatsApp.retiredAt).not.toBeNull();

  const em = t.app.orm.em.fork();
  expect(await em.count(WhatsAppCredential, { platform: true })).toBe(0);
  expect(await em.count(WebhookEndpoint, { userId: PLATFORM_OWNER_ID })).toBe(0);
  // Meta no longer routes the platform number to us.
  expect(() => t.sandbox.routedCallbackUrl(t.platform.phoneNumberId)).toThrow(/not subscribed/);
  const line = await postGraphQL(t.app.graphqlUrl, AgentLineDocument, { authorization: stayerToken, variables: { agentId: agent.agentId } });
  expect(line.data?.agentWhatsApp).toMatchObject({ platformCode: null, status: { line: 'USER', ready: false } });
  // A restart with PLATFORM_WHATSAPP_* still set does not bring them back.
  expect(await syncPlatformCredential(t.app.services)).toBe('retired');
  const undeprecate = await admin(DeprecatePlatformWhatsAppDocument, { deprecated: false });
  expect(undeprecate.errors?.[0]?.extensions?.code).toBe('CONFLICT');

  const audit = await em.find(AuditEntry, { action: { $like: 'platform.%' }, actorUserId: { $ne: null } }, { orderBy: { id: 'asc' } });
  expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
    'platform.deprecate:success',
    'platform.user_source:rejected',
    'platform.retire:rejected',
    'platform.user_source:success',
    'platform.retire:success',
    'platform.deprecate:rejected',
  ]);
});
