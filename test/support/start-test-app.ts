import { randomBytes, randomUUID } from 'node:crypto';
import { startApp, type RunningApp } from '../../src/app/app';
import { loadConfig, type Environment } from '../../src/config';
import { signDevelopmentToken } from '../../src/platform/identity';
import type { Logger } from '../../src/platform/observability/logger';
import { onDispose } from './leftovers';
import { createTestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** A Graph API base URL that refuses every connection at once (the discard port): for a plugin that must not reach WhatsApp. */
export const UNREACHABLE_GRAPH_API = 'http://127.0.0.1:9';

export interface TestApp extends RunningApp {
  databaseUrl: string;
  /** A valid bearer token (with the `Bearer ` prefix) for the user. */
  tokenFor(userId: string, roles?: string[], email?: string): Promise<string>;
}

/**
 * A whole plugin on port 0 with its own fresh database (or `databaseUrl`, e.g. to restart on the same one);
 * stopped when the test file ends. `logger` captures what the app logs.
 */
export async function startTestApp(env: Environment = {}, options: { databaseUrl?: string; logger?: Logger } = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    KEYRING_MASTER_KEY: randomBytes(32).toString('base64'),
    SANDBOX: 'false',
    WHATSAPP_GRAPH_BASE_URL: UNREACHABLE_GRAPH_API,
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
    ...env,
  });
  const app = await startApp(config, { logger: options.logger });
  onDispose(() => app.stop());
  return {
    ...app,
    databaseUrl,
    tokenFor: async (userId, roles = [], email) =>
      `Bearer ${await signDevelopmentToken(env.AUTH_JWT_SECRET ?? TEST_JWT_SECRET, { sub: userId, roles, email })}`,
  };
}

export function newUserId(): string {
  return randomUUID();
}
