import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { QueueName } from '../../src/platform/jobs';
import { RUNTIME_SECRET, seedAgent } from '../agents/agent-fixtures';
import { createDeferred } from '../support/deferred';
import { within } from '../support/eventually';
import { onDispose } from '../support/leftovers';
import { pluginProcessEnv, startPluginProcess } from '../support/plugin-process';
import { createTestDatabase } from '../support/test-database';
import { endpointOf, offer, signedInbound, startAppOn, startSandboxForTest } from '../webhooks/webhook-kit';

jest.setTimeout(240_000);

const GRACE_SECONDS = 2;
// The child is compiled on the fly and shares two cores with other test files: every wait is bounded, but
// generously, so only a stop that never ends (or a process that never starts) fails the test.
const START_MARGIN_MS = 120_000;
const EXIT_MARGIN_MS = 15_000;

/**
 * The host's agent runtime, stuck: it takes the request and never answers. The stop then waits on the
 * agent-inbound job that made the call (job workers finish what they hold), and only the grace period
 * ends it. `received` resolves when the request has arrived, so the stop starts with the job in flight.
 */
async function startStuckAgentRuntime() {
  const received = createDeferred<void>();
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    held.push(res);
    req.resume();
    req.on('end', () => received.resolve());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onDispose(async () => {
    for (const res of held) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/agent-runtime/reply`, received: received.promise, calls: () => held.length };
}

test('a stop that outlasts SHUTDOWN_GRACE_SECONDS is cut short: the process says so, exits 1 and the job stays queued', async () => {
  const running = await startSandboxForTest();
  const runtime = await startStuckAgentRuntime();
  const databaseUrl = await createTestDatabase();
  const env = {
    ...pluginProcessEnv(databaseUrl, running.baseUrl),
    AGENT_RUNTIME_URL: runtime.url,
    AGENT_RUNTIME_SECRET: RUNTIME_SECRET,
    // Far longer than the test: the call ends only when the process does.
    AGENT_RUNTIME_TIMEOUT_MS: '300000',
  };
  // The user, credential and agent, stored through an in-process plugin that works no agent job itself.
  const seeder = await startAppOn(running, { ...env, INSTANCE_ROLE: 'receive', LOG_LEVEL: 'silent' }, { databaseUrl });
  const agent = await seedAgent(seeder, running.sandbox);
  const { endpointKey } = await endpointOf(seeder, agent.credentialId);
  await seeder.stop();

  const child = await within(
    startPluginProcess({ ...env, SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS), LOG_LEVEL: 'info' }),
    START_MARGIN_MS,
    'the plugin process to start',
  );
  const wamid = `wamid.forced-${randomUUID()}`;
  expect(await offer(`${child.webhookBaseUrl}/${endpointKey}`, signedInbound(agent.account, wamid, 'Olá'))).toBe(200);
  // Webhook stored, processed, agent job queued and picked up, runtime called: the job is now in flight.
  await within(runtime.received, START_MARGIN_MS, 'the agent runtime to receive the request');

  const signalledAt = Date.now();
  child.signal('SIGTERM');
  const exit = await within(child.exited, GRACE_SECONDS * 1000 + EXIT_MARGIN_MS, 'the process to exit');
  const stopMs = Date.now() - signalledAt;

  expect(exit).toEqual({ code: 1, signal: null });
  expect(child.output()).toContain('still stopping after the grace period (SHUTDOWN_GRACE_SECONDS): forcing exit');
  expect(child.output()).not.toContain('"msg":"stopped"');
  // Not before the grace period (timers may fire a little early on a busy machine, never much).
  expect(stopMs).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
  expect(runtime.calls()).toBe(1);

  // Nothing accepted is lost: the message is stored and its agent job is still there, to be retried
  // once its lease expires (by the next process, or another instance).
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  onDispose(() => db.end());
  const messages = await db.query<{ id: string }>('select id from whatsapp_connect.whatsapp_messages where whatsapp_message_id = $1', [wamid]);
  expect(messages.rows).toHaveLength(1);
  const jobs = await db.query<{ state: string }>(
    "select state from whatsapp_connect_jobs.job where name = $1 and data->>'messageId' = $2",
    [QueueName.AgentInbound, messages.rows[0]!.id],
  );
  expect(jobs.rows.map((row) => row.state)).toEqual(['active']);
  console.log(`forced exit: SIGTERM to exit ${exit.code} in ${stopMs} ms (grace ${GRACE_SECONDS} s)`);
});
