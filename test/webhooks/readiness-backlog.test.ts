import { randomBytes } from 'node:crypto';
import { DeadLetterKind, InboundDeadLetter } from '../../src/webhooks';
import { createTestDatabase } from '../support/test-database';
import { addTenant, call, configureNow, eventually, offer, signedInbound, startAppOn, startSandboxForTest } from './webhook-kit';

interface Readiness {
  status: string;
  inbox: { unprocessed: number; oldestUnprocessedSeconds: number; deadLetters: number };
}

async function readiness(url: string): Promise<{ status: number; body: Readiness }> {
  const response = await call(`${url}/readyz`);
  return { status: response.status, body: JSON.parse(response.body) as Readiness };
}

test('/readyz shows the inbox backlog and dead letters, and stays ready however far processing is behind', async () => {
  const running = await startSandboxForTest();
  const databaseUrl = await createTestDatabase();
  const env = { KEYRING_MASTER_KEY: randomBytes(32).toString('base64') };
  // Nothing processes here: whatever is stored waits.
  const receiving = await startAppOn(running, { ...env, INSTANCE_ROLE: 'receive' }, { databaseUrl });
  const tenant = await addTenant(receiving, running);
  await configureNow(receiving, tenant.credentialId);

  expect(await readiness(receiving.opsUrl)).toEqual({ status: 200, body: { status: 'ready', inbox: { unprocessed: 0, oldestUnprocessedSeconds: 0, deadLetters: 0 } } });
  for (let i = 0; i < 3; i++) expect(await offer(tenant.endpoint.webhookUrl, signedInbound(tenant.account, `wamid.backlog-${i}`, `b${i}`))).toBe(200);
  const em = receiving.orm.em.fork();
  em.create(InboundDeadLetter, { userId: tenant.userId, endpointId: tenant.endpoint.id, deliveryId: '1', kind: DeadLetterKind.MESSAGE, reason: 'malformed_message', payload: '{}' });
  em.create(InboundDeadLetter, { userId: tenant.userId, endpointId: tenant.endpoint.id, deliveryId: '1', kind: DeadLetterKind.STATUS, reason: 'malformed_status', payload: '{}', resolvedAt: new Date() });
  await em.flush();

  const behind = await readiness(receiving.opsUrl);
  expect(behind.status).toBe(200);
  expect(behind.body.status).toBe('ready');
  expect(behind.body.inbox).toMatchObject({ unprocessed: 3, deadLetters: 1 });
  expect(behind.body.inbox.oldestUnprocessedSeconds).toBeGreaterThanOrEqual(0);
  // The metrics read the same figures.
  const metrics = (await call(`${receiving.opsUrl}/metrics`)).body;
  expect(metrics).toMatch(/^wc_inbound_backlog_deliveries 3$/m);

  // A processing instance on the same database drains it; every instance's readiness shows that.
  await startAppOn(running, { ...env, INSTANCE_ROLE: 'process' }, { databaseUrl });
  const drained = await eventually(() => readiness(receiving.opsUrl), (r) => r.body.inbox.unprocessed === 0, 30_000, 'the backlog to drain');
  expect(drained.body).toEqual({ status: 'ready', inbox: { unprocessed: 0, oldestUnprocessedSeconds: 0, deadLetters: 1 } });
});
