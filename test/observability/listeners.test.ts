import { createServer } from 'node:http';
import { request } from 'undici';
import { KEEP_ALIVE_TIMEOUT_MS, applyServerTimeouts } from '../../src/platform/http/server-timeouts';
import { loadConfig } from '../../src/config';
import { startTestApp } from '../support/start-test-app';

const statusOf = async (url: string) => {
  const response = await request(url);
  await response.body.dump();
  return response.statusCode;
};

test('WEBHOOK_PORT and OPS_PORT split webhooks and health/metrics off the GraphQL listener', async () => {
  const app = await startTestApp({ WEBHOOK_PORT: '0', OPS_PORT: '0' });
  const webhookOrigin = new URL(app.webhookBaseUrl).origin;
  expect(new Set([app.url, app.opsUrl, webhookOrigin]).size).toBe(3);

  // GraphQL listener: GraphQL only.
  expect(await statusOf(`${app.url}/metrics`)).toBe(404);
  expect(await statusOf(`${app.url}/healthz`)).toBe(404);
  expect(await statusOf(`${app.url}/webhooks/whatsapp/some-key`)).toBe(404);
  // Ops listener: health, readiness, metrics.
  expect(await statusOf(`${app.opsUrl}/healthz`)).toBe(200);
  expect(await statusOf(`${app.opsUrl}/readyz`)).toBe(200);
  expect(await statusOf(`${app.opsUrl}/metrics`)).toBe(200);
  expect(await statusOf(`${app.opsUrl}/graphql`)).toBe(404);
  // Webhook listener: the webhook prefix and nothing else (an unknown endpoint key is refused as a known
  // one refusing the caller, so the answer does not tell which endpoints exist).
  expect(await statusOf(`${webhookOrigin}/metrics`)).toBe(404);
  expect(await statusOf(`${webhookOrigin}/graphql`)).toBe(404);
  expect(await statusOf(`${app.webhookBaseUrl}/unknown-endpoint-key?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).toBe(403);
});

test('every listener gets the header, request and keep-alive timeouts', () => {
  const { http } = loadConfig({});
  const server = applyServerTimeouts(createServer(), http);
  expect({ headersTimeout: server.headersTimeout, requestTimeout: server.requestTimeout, keepAliveTimeout: server.keepAliveTimeout }).toEqual({
    headersTimeout: 20_000,
    requestTimeout: 60_000,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  });
});
