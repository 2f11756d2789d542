import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VaultTransitBackend } from '../../src/adapters/keys/vault-transit-backend';
import { captureLogs, type CapturedLogs } from '../support/captured-logs';
import { onDispose } from '../support/leftovers';
import {
  parseVaultPolicy,
  startVaultTransitServer,
  type VaultTokenLease,
  type VaultTransitServer,
} from '../support/vault-transit-server';

const TOKEN = 'hvs.CAESIRenewableTokenThatMustNeverBeLogged987654321';
const APP_POLICY = parseVaultPolicy(readFileSync(join(__dirname, '../../vault/policy.hcl'), 'utf8'));
const isRenewal = (r: { path: string }) => r.path === 'auth/token/renew-self';
const isLookup = (r: { path: string }) => r.path === 'auth/token/lookup-self';

async function start(tokenLease?: VaultTokenLease): Promise<{ server: VaultTransitServer; backend: VaultTransitBackend; logs: CapturedLogs }> {
  const server = await startVaultTransitServer({ token: TOKEN, policy: APP_POLICY, disableUpsert: true, tokenLease });
  const backend = new VaultTransitBackend({ address: server.address, token: TOKEN, mount: 'transit', keyPrefix: 'whatsapp-connect-user-', timeoutMs: 2_000 });
  onDispose(() => backend.close());
  return { server, backend, logs: captureLogs() };
}

describe('Vault token renewal', () => {
  test('a renewable token is renewed before its TTL runs out, and keeps working past its original TTL', async () => {
    const { server, backend, logs } = await start({ ttlSeconds: 2 });
    const startedAt = Date.now();
    const looked = server.nextRequest(isLookup);
    const first = server.nextRequest(isRenewal);
    backend.startTokenRenewal(logs.logger);
    await looked;
    await first;
    // Renewed at half the TTL: well before it would have expired.
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await server.nextRequest(isRenewal);
    await server.nextRequest(isRenewal);
    expect(Date.now() - startedAt).toBeGreaterThan(2_000);

    // Past the original TTL, the token still works because it was renewed.
    await backend.ensureKey(randomUUID());
    expect(server.tokenTtlSeconds()).toBeGreaterThan(0);
    expect(logs.matching(/renewed the Vault token/).length).toBeGreaterThanOrEqual(2);
    expect(logs.matching(/renewed the Vault token/)[0]).toMatchObject({ ttlSeconds: 2 });
    expect(logs.text()).not.toContain(TOKEN);
  });

  test('a token that is not renewable is never renewed; the time it has left is logged as a warning', async () => {
    const { server, backend, logs } = await start({ ttlSeconds: 3600, renewable: false });
    backend.startTokenRenewal(logs.logger);
    expect(await logs.next(/not renewable/)).toMatchObject({ level: 40, expiresInSeconds: expect.any(Number) });
    expect(server.requests.filter(isRenewal)).toEqual([]);
    expect(logs.text()).not.toContain(TOKEN);
  });

  test('a token without a TTL (root-like) needs no renewal', async () => {
    const { server, backend, logs } = await start();
    backend.startTokenRenewal(logs.logger);
    await logs.next(/does not expire/);
    expect(server.requests.filter(isRenewal)).toEqual([]);
  });

  test('a lease capped by the max TTL is logged as a warning', async () => {
    const { server, backend, logs } = await start({ ttlSeconds: 2, explicitMaxTtlSeconds: 3 });
    const renewals = () => server.requests.filter(isRenewal).length;
    backend.startTokenRenewal(logs.logger);
    expect(await logs.next(/reaching its max TTL/)).toMatchObject({ level: 40, expiresInSeconds: 1 });
    // Past the cap, Vault grants nothing more: the renewal says so and stops.
    expect(await logs.next(/can no longer be renewed/)).toMatchObject({ level: 50, expiresInSeconds: 0 });
    expect(renewals()).toBe(3);
    expect(logs.text()).not.toContain(TOKEN);
  });

  test('Vault sealed at start: the lookup is retried until Vault answers, then renewal proceeds', async () => {
    const { server, backend, logs } = await start({ ttlSeconds: 4 });
    server.seal();
    const failedLookup = server.nextRequest(isLookup);
    backend.startTokenRenewal(logs.logger, { retryMinMs: 100 });
    await failedLookup;
    const renewed = server.nextRequest(isRenewal);
    server.unseal();
    await renewed;
    expect(logs.matching(/could not look up the Vault token; retrying/)[0]).toMatchObject({ error: 'KeyServiceUnavailableError' });
    expect(logs.text()).not.toContain(TOKEN);
  });

  test('a policy without the token paths stops the renewal with an error, once', async () => {
    const { server, backend, logs } = await start({ ttlSeconds: 3600 });
    server.setPolicy(APP_POLICY.filter((rule) => !rule.path.startsWith('auth/')));
    backend.startTokenRenewal(logs.logger);
    expect(await logs.next(/renewal stopped/)).toMatchObject({ level: 50, error: 'KeyPermissionDeniedError' });
    expect(server.requests.filter(isLookup)).toHaveLength(1);
  });
});
