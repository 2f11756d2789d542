import { CircuitState, CredentialCircuitBreaker, WhatsAppCredential } from '../../src/credentials';
import { startSandbox, type Sandbox } from '../../src/adapters/sandbox';
import { createLogger } from '../../src/platform/observability/logger';
import { seedCredential } from '../support/credential-fixtures';
import { onDispose } from '../support/leftovers';
import { newUserId, startTestApp, type TestApp } from '../support/start-test-app';

let app: TestApp;
let sandbox: Sandbox;
let clock = 0;
const breaker = new CredentialCircuitBreaker({ failureThreshold: 3, openMs: 10_000 }, () => clock);

beforeAll(async () => {
  const running = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
  onDispose(() => running.close());
  sandbox = running.sandbox;
  app = await startTestApp({ WHATSAPP_GRAPH_BASE_URL: running.baseUrl });
});

async function freshCredential(): Promise<WhatsAppCredential> {
  const { credential } = await seedCredential(app, newUserId(), sandbox.createAccount());
  return app.orm.em.fork().findOneOrFail(WhatsAppCredential, { id: credential.id });
}

const reload = (id: string) => app.orm.em.fork().findOneOrFail(WhatsAppCredential, { id });

it('opens after consecutive transient failures, refuses while open, and closes after a good probe', async () => {
  clock = 1_000_000;
  const credential = await freshCredential();
  const em = app.orm.em.fork();
  await breaker.beforeCall(em, credential);
  expect(await breaker.onTransientFailure(em, credential)).toBe(CircuitState.CLOSED);
  expect(await breaker.onTransientFailure(em, credential)).toBe(CircuitState.CLOSED);
  expect(await breaker.onTransientFailure(em, credential)).toBe(CircuitState.OPEN);

  // Every instance sees it: a fresh load is open and refused with a retry hint.
  const elsewhere = await reload(credential.id);
  expect(elsewhere.circuitState).toBe(CircuitState.OPEN);
  await expect(breaker.beforeCall(app.orm.em.fork(), elsewhere)).rejects.toMatchObject({
    extensions: { code: 'CREDENTIAL_UNAVAILABLE', reason: 'CIRCUIT_OPEN', retryAfterSeconds: 10 },
  });

  // After the cool-down exactly one caller wins the half-open probe.
  clock += 10_001;
  const [a, b] = [await reload(credential.id), await reload(credential.id)];
  const results = await Promise.allSettled([breaker.beforeCall(app.orm.em.fork(), a), breaker.beforeCall(app.orm.em.fork(), b)]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);

  const prober = a.circuitState === CircuitState.HALF_OPEN ? a : b;
  await breaker.onSuccess(app.orm.em.fork(), prober);
  expect(await reload(credential.id)).toMatchObject({ circuitState: CircuitState.CLOSED, circuitFailures: 0, circuitOpenedAt: null });
});

it('re-opens at once when the half-open probe fails', async () => {
  clock = 5_000_000;
  const credential = await freshCredential();
  const em = app.orm.em.fork();
  for (let i = 0; i < 3; i++) await breaker.onTransientFailure(em, credential);
  clock += 10_001;
  const probe = await reload(credential.id);
  await breaker.beforeCall(em, probe);
  expect(probe.circuitState).toBe(CircuitState.HALF_OPEN);
  expect(await breaker.onTransientFailure(em, probe)).toBe(CircuitState.OPEN);
  await expect(breaker.beforeCall(em, await reload(credential.id))).rejects.toMatchObject({ extensions: { reason: 'CIRCUIT_OPEN' } });
});

it('tells its listeners once when a circuit opens and once when it closes', async () => {
  clock = 5_000_000;
  const told: Array<{ state: CircuitState; credentialId: string }> = [];
  const listened = new CredentialCircuitBreaker({ failureThreshold: 2, openMs: 1_000 }, () => clock);
  listened.onTransition(({ state, credentialId }) => {
    told.push({ state, credentialId });
  });
  const credential = await freshCredential();
  await listened.onTransientFailure(app.orm.em.fork(), credential);
  await listened.onTransientFailure(app.orm.em.fork(), credential);
  // Another instance's failure while open changes nothing.
  await listened.onTransientFailure(app.orm.em.fork(), await reload(credential.id));
  expect(told).toEqual([{ state: CircuitState.OPEN, credentialId: credential.id }]);

  clock += 1_001;
  const probe = await reload(credential.id);
  await listened.beforeCall(app.orm.em.fork(), probe);
  await listened.onSuccess(app.orm.em.fork(), probe);
  await listened.onSuccess(app.orm.em.fork(), await reload(credential.id));
  expect(told).toEqual([
    { state: CircuitState.OPEN, credentialId: credential.id },
    { state: CircuitState.CLOSED, credentialId: credential.id },
  ]);
});
