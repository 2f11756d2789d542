import { connect, type Socket } from 'node:net';
import { serializeLikeMeta } from '../../src/adapters/sandbox';
import { createDeferred } from '../support/deferred';
import { startVaultTransitServer } from '../support/vault-transit-server';
import { addTenant, call, configureNow, countRows, signedInbound, startAppOn, startSandboxForTest, type RawResponse } from '../webhooks/webhook-kit';

/** What a caller can observe of an answer; the date and the request id differ on every request. */
const observable = ({ status, body, headers }: RawResponse) => {
  const { date: _date, 'x-request-id': _id, ...rest } = headers;
  return { status, body, headers: rest };
};

/** Opens a raw connection, writes `head` and resolves with whatever the server answers before closing. */
function rawExchange(url: string, head: string): { socket: Socket; answer: Promise<string> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const answer = createDeferred<string>();
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
  });
  socket.on('close', () => answer.resolve(received));
  socket.on('error', () => answer.resolve(received));
  socket.write(head);
  return { socket, answer: answer.promise };
}

test('known and unknown endpoints answer alike to anyone without the secrets', async () => {
  const running = await startSandboxForTest();
  const app = await startAppOn(running);
  const tenant = await addTenant(app, running);
  const known = tenant.endpoint.webhookUrl;
  const unknowns = [`${app.webhookBaseUrl}/${'Q'.repeat(32)}`, `${app.webhookBaseUrl}/short`, `${app.webhookBaseUrl}/${tenant.endpoint.endpointKey}x`];
  const body = serializeLikeMeta({ object: 'whatsapp_business_account', entry: [] });
  const probes: Array<{ path: string; init: Parameters<typeof call>[1] }> = [
    { path: '?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1', init: {} },
    { path: '', init: {} },
    { path: '', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body } },
    { path: '', init: { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, body } },
    { path: '', init: { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=nothex' }, body } },
    { path: '', init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body } },
    { path: '', init: { method: 'PUT' } },
  ];
  for (const probe of probes) {
    const expected = observable(await call(`${known}${probe.path}`, probe.init));
    expect(expected.status).not.toBe(200);
    for (const unknown of unknowns) expect(observable(await call(`${unknown}${probe.path}`, probe.init))).toEqual(expected);
  }
});

test('while the key service is down an endpoint stores at most its quota of unverified deliveries, then answers 503', async () => {
  const running = await startSandboxForTest();
  const token = 'hvs.webhook-quota';
  const vault = await startVaultTransitServer({ token, disableUpsert: true });
  const quota = 3;
  const app = await startAppOn(running, {
    VAULT_ADDR: vault.address,
    VAULT_TOKEN: token,
    SECRET_CACHE_TTL_MS: '0',
    WEBHOOK_UNVERIFIED_QUOTA: String(quota),
    INSTANCE_ROLE: 'receive',
  });
  const tenant = await addTenant(app, running);
  const other = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  await configureNow(app, other.credentialId);
  vault.seal();

  const forged = (i: number) => {
    const delivery = signedInbound(tenant.account, `wamid.forged-${i}`, 'flood');
    return { ...delivery, headers: { ...delivery.headers, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } };
  };
  const statuses: number[] = [];
  for (let i = 0; i < quota + 5; i++) statuses.push((await call(tenant.endpoint.webhookUrl, { method: 'POST', ...forged(i) })).status);
  expect(statuses).toEqual([...Array<number>(quota).fill(200), ...Array<number>(5).fill(503)]);
  const refused = await call(tenant.endpoint.webhookUrl, { method: 'POST', ...forged(99) });
  expect(refused).toMatchObject({ status: 503, headers: { 'retry-after': '60' } });
  expect(await countRows(app, 'webhook_deliveries', 'signature_verified = false')).toBe(quota);

  // The quota is the endpoint's: another number still receives during the outage.
  const genuine = signedInbound(other.account, 'wamid.other', 'hello');
  expect((await call(other.endpoint.webhookUrl, { method: 'POST', ...genuine })).status).toBe(200);
});

test('a request whose headers or body stall is answered 408 and its connection closed', async () => {
  const running = await startSandboxForTest();
  const app = await startAppOn(running, { HTTP_BODY_IDLE_TIMEOUT_MS: '200', HTTP_HEADERS_TIMEOUT_MS: '1000' });
  const tenant = await addTenant(app, running);
  const { pathname } = new URL(tenant.endpoint.webhookUrl);
  const host = new URL(app.url).host;

  for (const path of [pathname, '/graphql']) {
    const slowBody = rawExchange(app.url, `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"object":`);
    expect(await slowBody.answer).toMatch(/^HTTP\/1\.1 408 /);
  }
  const slowHeaders = rawExchange(app.url, `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: appl`);
  expect(await slowHeaders.answer).toMatch(/^HTTP\/1\.1 408 |^$/);
  expect(slowHeaders.socket.destroyed).toBe(true);
});

test('a body over the limit is refused with 413, declared or streamed', async () => {
  const running = await startSandboxForTest();
  const app = await startAppOn(running, { WEBHOOK_MAX_BODY_BYTES: '1024' });
  const tenant = await addTenant(app, running);
  const big = Buffer.alloc(2048, 0x20);
  expect((await call(tenant.endpoint.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big })).status).toBe(413);
  const { pathname } = new URL(tenant.endpoint.webhookUrl);
  const streamed = rawExchange(app.url, `POST ${pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n${' '.repeat(2048)}\r\n`);
  expect(await streamed.answer).toMatch(/^HTTP\/1\.1 413 /);
});
