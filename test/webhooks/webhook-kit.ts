import { request } from 'undici';
import type { Environment } from '../../src/config';
import { createLogger } from '../../src/platform/observability/logger';
import { serializeLikeMeta, startSandbox, type RunningSandbox, type SandboxAccount } from '../../src/adapters/sandbox';
import { configureWebhook, WebhookEndpoint, type SettledDelivery } from '../../src/webhooks';
import { signWebhookBody } from '../../src/adapters/whatsapp';
import { seedCredential } from '../support/credential-fixtures';
import { onDispose } from '../support/leftovers';
import { newUserId, startTestApp, type TestApp } from '../support/start-test-app';

export interface Tenant {
  userId: string;
  account: SandboxAccount;
  credentialId: string;
  endpoint: WebhookEndpoint;
  verifyToken: string;
}

export async function startSandboxForTest(): Promise<RunningSandbox> {
  const running = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
  onDispose(() => running.close());
  return running;
}

/** A plugin talking to the sandbox, with its own database. */
export async function startAppOn(running: RunningSandbox, env: Environment = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  return startTestApp({ WHATSAPP_GRAPH_BASE_URL: running.baseUrl, ...env }, options);
}

/** A user with a connected credential (stored directly, as the connect mutation would). */
export async function addTenant(app: TestApp, running: RunningSandbox, account: SandboxAccount = running.sandbox.createAccount()): Promise<Tenant> {
  const userId = newUserId();
  const { credential, endpoint, verifyToken } = await seedCredential(app, userId, account);
  return { userId, account, credentialId: credential.id, endpoint, verifyToken };
}

/** Runs the configuration use case now (the job does the same), so Meta routes the number to us. */
export async function configureNow(app: TestApp, credentialId: string): Promise<WebhookEndpoint> {
  const { whatsapp, keys, logger, publicUrls } = app.services;
  const em = app.orm.em.fork();
  await configureWebhook({ whatsapp, keys, logger, webhookBase: () => publicUrls.webhookBase }, em, credentialId, { final: true });
  return em.fork().findOneOrFail(WebhookEndpoint, { credential: credentialId });
}

/** The next `count` deliveries that reach a final outcome on this app's processor. */
export function settled(app: TestApp, count = 1): Promise<SettledDelivery[]> {
  return new Promise((resolve) => {
    const seen: SettledDelivery[] = [];
    const listener = (item: SettledDelivery) => {
      if (!item.outcome) return;
      seen.push(item);
      if (seen.length === count) {
        app.webhooks.processor.off('settled', listener);
        resolve(seen);
      }
    };
    app.webhooks.processor.on('settled', listener);
  });
}

/** The next settled item, final or a scheduled retry. */
export function nextAttempt(app: TestApp): Promise<SettledDelivery> {
  return new Promise((resolve) => app.webhooks.processor.once('settled', resolve));
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw HTTP call to the plugin, for the cases the sandbox would never send. */
export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  const response = await request(url, { method: (init.method ?? 'GET') as 'GET', headers: init.headers, body: init.body });
  return { status: response.statusCode, body: await response.body.text(), headers: response.headers };
}

export async function countRows(app: TestApp, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: string }> = await app.orm.em
    .getConnection()
    .execute(`select count(*)::text as n from "whatsapp_connect"."${table}" where ${where}`, params);
  return Number(rows[0]!.n);
}

export { eventually } from '../support/eventually';

export function endpointOf(app: TestApp, credentialId: string): Promise<WebhookEndpoint> {
  return app.orm.em.fork().findOneOrFail(WebhookEndpoint, { credential: credentialId });
}

/** Meta's inbound text webhook for one message, serialised and signed as Meta sends it. */
export function signedInbound(account: SandboxAccount, wamid: string, text: string, timestamp = Math.floor(Date.now() / 1000)) {
  const body = serializeLikeMeta({
    object: 'whatsapp_business_account',
    entry: [{ id: account.wabaId, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: account.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: account.phoneNumberId },
      contacts: [{ profile: { name: 'Ana' }, wa_id: '5511987654321' }],
      messages: [{ from: '5511987654321', id: wamid, timestamp: String(timestamp), type: 'text', text: { body: text } }],
    } }] }],
  });
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(account.appSecret, body) } };
}

/**
 * POSTs a signed delivery and returns the status, or 0 when no answer came (connection refused or cut),
 * which Meta treats like any other failure: it delivers again later.
 */
export async function offer(url: string, delivery: ReturnType<typeof signedInbound>): Promise<number> {
  try {
    return (await call(url, { method: 'POST', ...delivery })).status;
  } catch {
    return 0;
  }
}
