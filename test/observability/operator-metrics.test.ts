import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { outboundRequestHeaders, runInRequest } from '../../src/platform/observability/request-context';
import { VaultTransitBackend } from '../../src/adapters/keys/vault-transit-backend';
import { WhatsAppClient } from '../../src/adapters/whatsapp';
import { startVaultTransitServer } from '../support/vault-transit-server';
import { request } from 'undici';
import { SendWhatsAppMessageDocument, type WhatsAppSendMessageInput } from '../generated/graphql';
import { receiveInbound, seedAgent } from '../agents/agent-fixtures';
import { captureLogs } from '../support/captured-logs';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { startTestApp } from '../support/start-test-app';
import { connectSubscriptions } from '../support/subscription-client';
import { call, endpointOf, signedInbound, startSandboxForTest } from '../webhooks/webhook-kit';
import { eventually } from '../support/eventually';

jest.setTimeout(60_000);

/** The value of one series in Prometheus' text format (`name{a="b",…} value`), 0 when absent. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const open = line.indexOf('{');
    const labelText = open >= 0 && open < line.indexOf(' ') ? line.slice(open + 1, line.lastIndexOf('}')) : '';
    const found = Object.fromEntries([...labelText.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

test('/metrics counts what happened, with the right outcomes, and every request leaves one log line', async () => {
  const running = await startSandboxForTest();
  const logs = captureLogs('info');
  const app = await startTestApp(
    { WHATSAPP_GRAPH_BASE_URL: running.baseUrl, RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: '4', LOG_LEVEL: 'info' },
    { logger: logs.logger },
  );
  const sandbox = running.sandbox;
  const agent = await seedAgent(app, sandbox, { autoReply: false });
  const send = (input: Partial<WhatsAppSendMessageInput>) =>
    postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: agent.token,
      headers: { 'x-request-id': 'test-send-request-0001' },
      variables: { input: { agentId: agent.agentId, to: '+5511987654321', idempotencyKey: randomUUID(), text: { body: 'Olá' }, ...input } as WhatsAppSendMessageInput },
    });

  // Outside the 24-hour window the send is refused before Meta; then Meta refuses one (131026); then one goes.
  expect((await send({})).errors?.[0]?.extensions?.code).toBe('WHATSAPP_REJECTED');
  await receiveInbound(app, sandbox, agent, { enqueue: false });
  sandbox.failNext(1, { code: 131026, message: 'Message undeliverable' }, { pathIncludes: '/messages' });
  expect((await send({})).errors?.[0]?.extensions?.code).toBe('WHATSAPP_REJECTED');
  expect((await send({})).data?.sendWhatsAppMessage).toMatchObject({ status: 'SENT' });
  // The mutation limit is 4 per minute (enableAgentWhatsApp was the first): this one is refused.
  expect((await send({})).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  // A query without a token is an expected refusal, not an error.
  expect((await postGraphQL(app.graphqlUrl, '{ whatsAppCredentials { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  // Webhooks: one correctly signed delivery (accepted), one with a wrong signature (rejected).
  const endpoint = (await endpointOf(app, agent.credentialId)).endpointKey;
  const url = `${app.webhookBaseUrl}/${endpoint}`;
  const good = signedInbound(agent.account, `wamid.${randomUUID()}`, 'oi');
  expect((await call(url, { method: 'POST', ...good })).status).toBe(200);
  const forged = signedInbound(agent.account, `wamid.${randomUUID()}`, 'oi');
  expect((await call(url, { method: 'POST', body: forged.body, headers: { ...forged.headers, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } })).status).toBe(401);

  // graphql-ws: one open subscription shows in the gauges.
  const { client } = connectSubscriptions(app.subscriptionsUrl, agent.token);
  client.subscribe(
    { query: `subscription { whatsAppMessageReceived(agentId: "${agent.agentId}") { id } }` },
    { next: () => undefined, error: () => undefined, complete: () => undefined },
  );

  const scrape = async () => (await (await request(`${app.url}/metrics`)).body.text());
  const text = await eventually(scrape, (t) => valueOf(t, 'wc_graphql_ws_subscriptions') === 1, 10_000, 'the subscription gauge');

  expect(valueOf(text, 'wc_messages_sent_total', { outcome: 'sent' })).toBe(1);
  expect(valueOf(text, 'wc_messages_sent_total', { outcome: 'failed', error_code: 'WHATSAPP_REJECTED' })).toBe(2);
  expect(valueOf(text, 'wc_rate_limit_refusals_total', { limit: 'user' })).toBe(1);
  expect(valueOf(text, 'wc_webhook_deliveries_total', { outcome: 'accepted', reason: 'stored' })).toBe(1);
  expect(valueOf(text, 'wc_webhook_deliveries_total', { outcome: 'rejected', reason: 'unauthenticated' })).toBe(1);
  expect(valueOf(text, 'wc_graph_api_errors_total', { method: 'POST', endpoint: '{id}/messages', code: '131026' })).toBe(1);
  expect(valueOf(text, 'wc_graph_api_request_seconds_count', { method: 'POST', endpoint: '{id}/messages', outcome: 'ok' })).toBe(1);
  expect(valueOf(text, 'wc_graphql_operation_seconds_count', { operation: 'sendWhatsAppMessage', outcome: 'ok', transport: 'http' })).toBe(1);
  expect(valueOf(text, 'wc_graphql_operation_seconds_count', { operation: 'sendWhatsAppMessage', outcome: 'refused', transport: 'http' })).toBe(3);
  expect(valueOf(text, 'wc_graphql_operation_seconds_count', { operation: 'whatsAppCredentials', outcome: 'refused' })).toBe(1);
  expect(valueOf(text, 'wc_graphql_operation_seconds_count', { outcome: 'error' })).toBe(0);
  expect(valueOf(text, 'wc_graphql_ws_connections')).toBe(1);
  expect(valueOf(text, 'wc_credentials', { status: 'active' })).toBe(1);
  expect(valueOf(text, 'wc_circuit_breakers', { state: 'closed' })).toBe(1);
  expect(valueOf(text, 'wc_key_store_operation_seconds_count', { backend: 'embedded', operation: 'encrypt' })).toBeGreaterThan(0);
  expect(text).toContain('wc_job_queue_depth');
  expect(text).toContain('process_cpu_seconds_total');
  expect(text).not.toContain('processed_processed');

  // One line per HTTP request, with the request id given by the caller and the viewer; never a token.
  const sendLines = logs.matching(/^request$/).filter((line) => line.requestId === 'test-send-request-0001');
  expect(sendLines).toHaveLength(4);
  expect(sendLines[2]).toMatchObject({ method: 'POST', route: 'graphql', status: 200, userId: agent.userId, outcome: 'ok' });
  expect(sendLines[0]).toMatchObject({ outcome: 'refused' });
  expect(logs.matching(/^request$/).filter((line) => line.route === 'webhook').map((line) => line.status).sort()).toEqual([200, 401]);
  expect(logs.text()).not.toContain(agent.token.replace('Bearer ', ''));
  expect(logs.text()).not.toContain(endpoint);

  // The graphql-ws operation has its own line when it ends.
  await client.dispose();
  const wsLine = await logs.next(/^graphql-ws operation$/);
  expect(wsLine).toMatchObject({ transport: 'graphql-ws', operation: 'whatsAppMessageReceived', type: 'subscription', userId: agent.userId });
  expect(String(wsLine.requestId)).toMatch(/^ws-/);
});

test('the request id reaches the Graph API as x-request-id', async () => {
  const seen: Array<string | undefined> = [];
  const graph = createServer((req, res) => {
    seen.push(req.headers['x-request-id'] as string | undefined);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '123', display_phone_number: '+1 555', verified_name: 'Shop' }));
  });
  graph.listen(0, '127.0.0.1');
  await once(graph, 'listening');
  onDispose(() => new Promise((resolve) => graph.close(resolve)));
  const client = new WhatsAppClient({
    baseUrl: `http://127.0.0.1:${(graph.address() as AddressInfo).port}`,
    apiVersion: 'v24.0',
    timeoutMs: 5000,
    connections: 1,
    headers: outboundRequestHeaders,
  });
  onDispose(() => client.close());
  await runInRequest({ requestId: 'trace-me-0123456789' }, () => client.getPhoneNumber('EAAtoken', '123'));
  await client.getPhoneNumber('EAAtoken', '123');
  expect(seen).toEqual(['trace-me-0123456789', undefined]);
});

test('the request id reaches Vault as x-request-id', async () => {
  const vault = await startVaultTransitServer({ token: 'hvs.test-token-0123456789', disableUpsert: true });
  const backend = new VaultTransitBackend({
    address: vault.address,
    token: 'hvs.test-token-0123456789',
    mount: vault.mount,
    keyPrefix: 'whatsapp-connect-user-',
    timeoutMs: 5000,
  });
  onDispose(() => backend.close());
  const userId = randomUUID();
  await runInRequest({ requestId: 'vault-trace-0123456789' }, () => backend.ensureKey(userId));
  await backend.keyInfo(userId);
  expect(vault.requests.map((r) => r.requestId)).toEqual(['vault-trace-0123456789', undefined]);
});
