import { readCredentialSecrets, WhatsAppCredential } from '../../src/credentials';
import { startSandbox } from '../../src/adapters/sandbox';
import { createLogger } from '../../src/platform/observability/logger';
import { seedCredential } from './credential-fixtures';
import { onDispose } from './leftovers';
import { newUserId, startTestApp } from './start-test-app';

it('stores a credential whose secrets read back only through the key service', async () => {
  const running = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
  onDispose(() => running.close());
  const app = await startTestApp({ WHATSAPP_GRAPH_BASE_URL: running.baseUrl });
  const account = running.sandbox.createAccount();
  const userId = newUserId();
  const { credential, verifyToken } = await seedCredential(app, userId, account);

  const em = app.orm.em.fork();
  const loaded = await em.findOneOrFail(WhatsAppCredential, { id: credential.id });
  expect(JSON.stringify(loaded)).not.toContain('Ciphertext');
  const secrets = await readCredentialSecrets(em, app.services.keys, loaded);
  expect(secrets).toEqual({ accessToken: account.tokens.valid, appSecret: account.appSecret, verifyToken });
  expect(loaded.accessTokenHint).toBe(account.tokens.valid.slice(-4));
});
