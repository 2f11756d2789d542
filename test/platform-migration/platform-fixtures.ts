import { randomUUID } from 'node:crypto';
import { AgentWhatsAppConfig } from '../../src/agents';
import type { Environment } from '../../src/config';
import { PLATFORM_OWNER_ID, WhatsAppCredential } from '../../src/credentials';
import { Message } from '../../src/messaging';
import { createLogger } from '../../src/platform/observability/logger';
import { startSandbox, type Sandbox, type SandboxAccount } from '../../src/adapters/sandbox';
import { WebhookEndpoint, WebhookStatus } from '../../src/webhooks';
import { ConnectCredentialDocument, EnableAgentWhatsAppDocument, SendWhatsAppMessageDocument } from '../generated/graphql';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { startTestApp, type TestApp } from '../support/start-test-app';

export interface PlatformTestApp {
  app: TestApp;
  sandbox: Sandbox;
  /** The platform's shared WhatsApp account, configured through PLATFORM_WHATSAPP_*. */
  platform: SandboxAccount;
  platformCredentialId: string;
  adminToken: string;
}

/** The plugin with platform credentials in configuration, once its platform number routes webhooks here. */
export async function startPlatformApp(env: Environment = {}): Promise<PlatformTestApp> {
  const running = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
  onDispose(() => running.close());
  const platform = running.sandbox.createAccount({ verifiedName: 'Platform Inc' });
  const app = await startTestApp({
    WHATSAPP_GRAPH_BASE_URL: running.baseUrl,
    PLATFORM_WHATSAPP_ACCESS_TOKEN: platform.tokens.valid,
    PLATFORM_WHATSAPP_APP_SECRET: platform.appSecret,
    PLATFORM_WHATSAPP_BUSINESS_ACCOUNT_ID: platform.wabaId,
    PLATFORM_WHATSAPP_PHONE_NUMBER_ID: platform.phoneNumberId,
    WHATSAPP_CREDENTIAL_SOURCE_DEFAULT: 'platform',
    ...env,
  });
  const credential = await eventually(
    () => app.orm.em.fork().findOne(WhatsAppCredential, { platform: true }),
    (found) => found !== null,
    30_000,
    'the platform credential to be synced',
  );
  await webhookActive(app, credential!.id);
  return { app, sandbox: running.sandbox, platform, platformCredentialId: credential!.id, adminToken: await app.tokenFor(randomUUID(), ['admin']) };
}

async function webhookActive(app: TestApp, credentialId: string): Promise<void> {
  const endpoint = await eventually(
    () => app.orm.em.fork().findOne(WebhookEndpoint, { credential: credentialId }),
    (found) => found !== null && found.status !== WebhookStatus.PENDING,
    30_000,
    'the webhook configuration',
  );
  expect(endpoint?.status).toBe(WebhookStatus.ACTIVE);
}

export { PLATFORM_OWNER_ID };

/** Connects a sandbox number as the user's own, through the real mutation, and waits for its webhook. */
export async function connectOwnNumber(t: PlatformTestApp, token: string): Promise<{ account: SandboxAccount; credentialId: string }> {
  const account = t.sandbox.createAccount();
  const result = await postGraphQL(t.app.graphqlUrl, ConnectCredentialDocument, {
    authorization: token,
    variables: { input: { accessToken: account.tokens.valid, appSecret: account.appSecret, businessAccountId: account.wabaId, phoneNumberId: account.phoneNumberId } },
  });
  expect(result.errors).toBeUndefined();
  const credentialId = result.data!.connectWhatsAppCredential.credential.id;
  await webhookActive(t.app, credentialId);
  return { account, credentialId };
}

export async function enablePlatformAgent(t: PlatformTestApp, token: string, agentId: string = randomUUID()): Promise<{ agentId: string; platformCode: string }> {
  const result = await postGraphQL(t.app.graphqlUrl, EnableAgentWhatsAppDocument, {
    authorization: token,
    variables: { input: { agentId, autoReply: false } },
  });
  expect(result.errors).toBeUndefined();
  const stored = await t.app.orm.em.fork().findOneOrFail(AgentWhatsAppConfig, { agentId });
  return { agentId, platformCode: stored.platformCode! };
}

/** A customer writes to a number; resolves with the stored message once processing has routed it. */
export async function customerWrites(t: PlatformTestApp, phoneNumberId: string, from: string, text: string): Promise<Message> {
  const delivered = await t.sandbox.deliverInboundMessage({ phoneNumberId, from, type: 'text', text: { body: text } });
  expect(delivered.status).toBe(200);
  const stored = await eventually(
    () => t.app.orm.em.fork().findOne(Message, { whatsappMessageId: delivered.wamid }),
    (found) => found !== null,
    30_000,
    'the inbound message to be processed',
  );
  return stored!;
}

export function sendAsAgent(t: PlatformTestApp, token: string, agentId: string, to: string, idempotencyKey: string, body = 'Hello!') {
  return postGraphQL(t.app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: token,
    variables: { input: { agentId, to, idempotencyKey, text: { body } } },
  });
}
