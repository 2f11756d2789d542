import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../../src/config';
import { WhatsAppCredential } from '../../src/credentials';
import { createLogger } from '../../src/platform/observability/logger';
import { startSandbox, type RunningSandbox } from '../../src/adapters/sandbox';
import { captureLogs, type CapturedLogs } from '../support/captured-logs';
import { seedCredential } from '../support/credential-fixtures';
import { onDispose } from '../support/leftovers';
import { startTestApp, type TestApp } from '../support/start-test-app';
import { parseVaultPolicy, startVaultTransitServer, type VaultTransitServer } from '../support/vault-transit-server';
import { eventually as pollUntil } from '../support/eventually';

export const VAULT_TOKEN = 'hvs.CAESIKeyRotationTestTokenNeverLogged0123456789';
export const KEY_PREFIX = 'whatsapp-connect-user-';
export const APP_POLICY = parseVaultPolicy(readFileSync(join(__dirname, '../../vault/policy.hcl'), 'utf8'));
const VAULT_ERASURE_TOKEN = 'hvs.CAESIKeyErasureTestTokenNeverLogged01234567';
const ERASURE_POLICY = parseVaultPolicy(readFileSync(join(__dirname, '../../vault/erasure-policy.hcl'), 'utf8'));

export interface KeyTestApp {
  app: TestApp;
  logs: CapturedLogs;
  sandbox: RunningSandbox;
  /** Only with the Vault backend. */
  vault?: VaultTransitServer;
}

let sandbox: RunningSandbox | undefined;

/** One WhatsApp simulator per test file, for the accounts credentials are seeded from. */
async function sharedSandbox(): Promise<RunningSandbox> {
  if (!sandbox) {
    const started = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
    sandbox = started;
    onDispose(async () => {
      sandbox = undefined;
      await started.close();
    });
  }
  return sandbox;
}

/** The app with the embedded keyring or, with `vault`, against a Vault test server holding the app policy. */
export async function startKeyTestApp(backend: 'embedded' | 'vault', env: Environment = {}, options: { databaseUrl?: string; vault?: VaultTransitServer } = {}): Promise<KeyTestApp> {
  const running = await sharedSandbox();
  const vault =
    backend === 'vault' ? (options.vault ?? (await startVaultTransitServer({
          token: VAULT_TOKEN,
          policy: APP_POLICY,
          disableUpsert: true,
          tokens: { [VAULT_ERASURE_TOKEN]: ERASURE_POLICY },
        }))) : undefined;
  const logs = captureLogs('info');
  const app = await startTestApp(
    {
      WHATSAPP_GRAPH_BASE_URL: running.baseUrl,
      KEY_REWRAP_GRACE_SECONDS: '0',
      ...(vault ? { VAULT_ADDR: vault.address, VAULT_TOKEN, VAULT_ERASURE_TOKEN, VAULT_KEY_PREFIX: KEY_PREFIX } : {}),
      ...env,
    },
    { logger: logs.logger, databaseUrl: options.databaseUrl },
  );
  return { app, logs, sandbox: running, vault };
}

/** Seeds `count` credentials for the user; returns them with the plaintexts they were given. */
export async function seedCredentials(
  { app, sandbox: running }: KeyTestApp,
  userId: string,
  count: number,
): Promise<Array<{ credential: WhatsAppCredential; secrets: { accessToken: string; appSecret: string; verifyToken: string } }>> {
  const seeded = [];
  for (let i = 0; i < count; i += 1) {
    const account = running.sandbox.createAccount();
    const { credential, verifyToken } = await seedCredential(app, userId, account);
    seeded.push({ credential, secrets: { accessToken: account.tokens.valid, appSecret: account.appSecret, verifyToken } });
  }
  return seeded;
}

export interface StoredSecrets {
  accessTokenCiphertext: string;
  appSecretCiphertext: string;
  verifyTokenCiphertext: string;
}

/** The ciphertexts as stored, read straight from the table (as a backup would hold them). */
export async function storedCiphertexts(app: TestApp, credentialId: string): Promise<StoredSecrets> {
  return app.orm.em
    .fork()
    .createQueryBuilder(WhatsAppCredential)
    .select(['accessTokenCiphertext', 'appSecretCiphertext', 'verifyTokenCiphertext'])
    .where({ id: credentialId })
    .execute('get') as Promise<StoredSecrets>;
}

export function versionsOf(stored: StoredSecrets): number[] {
  return Object.values(stored).map((value) => Number(/^vault:v(\d+):/.exec(value)?.[1]));
}

/**
 * Bounded poll for a database state that no event announces (e.g. a run's progress, moved by jobs on
 * another instance). Fails with `what` when the condition does not hold in time.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  return (await pollUntil(probe, (value) => value !== undefined, timeoutMs, what)) as T;
}
