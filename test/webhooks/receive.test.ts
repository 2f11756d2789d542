import { Readable } from 'node:stream';
import { WhatsAppCredential, writeCredentialSecrets } from '../../src/credentials';
import type { RunningSandbox, SandboxAccount } from '../../src/adapters/sandbox';
import { serializeLikeMeta } from '../../src/adapters/sandbox';
import { WebhookEndpoint } from '../../src/webhooks';
import { signWebhookBody } from '../../src/adapters/whatsapp';
import type { TestApp } from '../support/start-test-app';
import { addTenant, call, configureNow, countRows, settled, startAppOn, startSandboxForTest, type Tenant } from './webhook-kit';

const MAX_BODY = 64 * 1024;

let running: RunningSandbox;
let app: TestApp;
let tenant: Tenant;

beforeAll(async () => {
  running = await startSandboxForTest();
  app = await startAppOn(running, { WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY) });
  tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
});

function envelope(account: SandboxAccount, text = 'hello') {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: account.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: account.phoneNumberId },
              contacts: [{ profile: { name: 'Ana Souza' }, wa_id: '5511987654321' }],
              messages: [{ from: '5511987654321', id: `wamid.${Math.random().toString(36).slice(2)}`, timestamp: '1760000000', type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  };
}

const signed = (body: Buffer | string, secret = tenant.account.appSecret) => ({
  'content-type': 'application/json',
  'x-hub-signature-256': signWebhookBody(secret, body),
});

/** Asserts that `act` leaves the inbox and the message history as they were. */
async function changesNothing(act: () => Promise<void>): Promise<void> {
  const before = [await countRows(app, 'webhook_deliveries'), await countRows(app, 'whatsapp_messages')];
  await act();
  expect([await countRows(app, 'webhook_deliveries'), await countRows(app, 'whatsapp_messages')]).toEqual(before);
}

describe('GET handshake', () => {
  const handshake = (query: Record<string, string>, url = tenant.endpoint.webhookUrl) =>
    call(`${url}?${new URLSearchParams(query).toString()}`);

  it('echoes the challenge for the endpoint\'s own verify token, and records when Meta verified it', async () => {
    await app.orm.em.fork().nativeUpdate(WebhookEndpoint, { id: tenant.endpoint.id }, { verifiedAt: null });
    const response = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': tenant.verifyToken, 'hub.challenge': '1158201444' });
    expect(response).toMatchObject({ status: 200, body: '1158201444' });
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const endpoint = await app.orm.em.fork().findOneOrFail(WebhookEndpoint, { id: tenant.endpoint.id });
    expect(endpoint.verifiedAt).toBeInstanceOf(Date);
  });

  it('answers 403 to a wrong token, a wrong mode or a missing challenge, and to an unknown endpoint alike', async () => {
    const other = await addTenant(app, running);
    const cases: Array<[Record<string, string>, number]> = [
      [{ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }, 403],
      [{ 'hub.mode': 'subscribe', 'hub.verify_token': other.verifyToken, 'hub.challenge': '1' }, 403],
      [{ 'hub.mode': 'unsubscribe', 'hub.verify_token': tenant.verifyToken, 'hub.challenge': '1' }, 403],
      [{ 'hub.mode': 'subscribe', 'hub.verify_token': tenant.verifyToken }, 403],
      [{ 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 403],
    ];
    for (const [query, status] of cases) {
      const response = await handshake(query);
      expect({ query, status: response.status, body: response.body }).toEqual({ query, status, body: '' });
    }
    const unknown = `${app.webhookBaseUrl}/${'A'.repeat(32)}`;
    expect((await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': tenant.verifyToken, 'hub.challenge': '1' }, unknown)).status).toBe(403);
    expect((await handshake({}, `${app.webhookBaseUrl}/not..a..key`)).status).toBe(403);
  });
});

describe('POST delivery', () => {
  it('stores a delivery signed with the app secret and answers 200; it is then processed', async () => {
    const processed = settled(app);
    const result = await running.sandbox.deliverInboundMessage({
      phoneNumberId: tenant.account.phoneNumberId,
      from: '5511987654321',
      profileName: 'Ana Souza',
      type: 'text',
      text: { body: 'Olá, meu pedido já saiu?' },
    });
    expect(result).toMatchObject({ status: 200, url: tenant.endpoint.webhookUrl, responseBody: '' });
    const [delivery] = await processed;
    expect(delivery).toMatchObject({ outcome: 'processed', counts: { messages: 1 } });
    const rows: Array<{ raw_body: Buffer; signature_verified: boolean; signature_header: string | null }> = await app.orm.em
      .getConnection()
      .execute('select raw_body, signature_verified, signature_header from "whatsapp_connect"."webhook_deliveries" where id = ?', [delivery!.deliveryId]);
    expect(rows[0]!.raw_body.equals(result.rawBody)).toBe(true); // the exact bytes Meta signed
    expect(rows[0]).toMatchObject({ signature_verified: true, signature_header: null });
  });

  it('answers 401 with no detail to a missing, malformed or forged signature, and stores nothing', async () => {
    const body = serializeLikeMeta(envelope(tenant.account));
    const headerCases: Array<Record<string, string>> = [
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', 'x-hub-signature-256': '' },
      { 'content-type': 'application/json', 'x-hub-signature-256': 'sha1=' + 'a'.repeat(40) },
      { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + 'a'.repeat(64) },
      { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody('another-app-secret', body) },
      { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(tenant.account.appSecret, body.subarray(1)) },
    ];
    await changesNothing(async () => {
      for (const headers of headerCases) {
        const response = await call(tenant.endpoint.webhookUrl, { method: 'POST', headers, body });
        expect({ headers, status: response.status, body: response.body }).toEqual({ headers, status: 401, body: '' });
      }
      // A signature for the JSON re-serialised differs from Meta's escaped bytes: only raw bytes verify.
      const reserialised = Buffer.from(JSON.stringify(JSON.parse(serializeLikeMeta(envelope(tenant.account, 'é')).toString())));
      const escaped = serializeLikeMeta(envelope(tenant.account, 'é'));
      const response = await call(tenant.endpoint.webhookUrl, { method: 'POST', headers: signed(reserialised), body: escaped });
      expect(response.status).toBe(401);
    });
  });

  it('checks the signature before the body, so an unsigned caller learns nothing about parsing', async () => {
    await changesNothing(async () => {
      const response = await call(tenant.endpoint.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' });
      expect(response.status).toBe(401);
    });
  });

  it('answers 400 to signed bodies that are not a WhatsApp webhook envelope, and stores nothing', async () => {
    const bodies = [
      'not json at all',
      '{"object":"whatsapp_business_account","entry":[',
      '[]',
      '{"object":"page","entry":[]}',
      '{"object":"whatsapp_business_account"}',
      '{"object":"whatsapp_business_account","entry":[{"id":"1"}]}',
      '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages"}]}]}',
      '{"object":"whatsapp_business_account","entry":[{"id":1,"changes":[]}]}',
    ];
    await changesNothing(async () => {
      for (const body of bodies) {
        const response = await call(tenant.endpoint.webhookUrl, { method: 'POST', headers: signed(body), body });
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
    });
  });

  it('answers 415 to another content type and 405 to another method', async () => {
    const body = serializeLikeMeta(envelope(tenant.account));
    await changesNothing(async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
        const response = await call(tenant.endpoint.webhookUrl, { method: 'POST', headers: { ...signed(body), 'content-type': contentType }, body });
        expect({ contentType, status: response.status }).toEqual({ contentType, status: 415 });
      }
      const charset = await call(tenant.endpoint.webhookUrl, { method: 'POST', headers: { ...signed(body), 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from('{}') });
      expect(charset.status).toBe(401); // accepted as JSON, then refused for the signature (it signs another body)
      for (const method of ['PUT', 'DELETE', 'PATCH']) {
        const response = await call(tenant.endpoint.webhookUrl, { method, headers: signed(body), body });
        expect({ method, status: response.status, allow: response.headers.allow }).toEqual({ method, status: 405, allow: 'GET, POST' });
      }
    });
  });

  it('answers 413 to a body over WEBHOOK_MAX_BODY_BYTES, declared or streamed', async () => {
    const huge = Buffer.alloc(MAX_BODY + 1, 0x20);
    await changesNothing(async () => {
      const declared = await call(tenant.endpoint.webhookUrl, { method: 'POST', headers: signed(huge), body: huge });
      expect(declared.status).toBe(413);
      const { request } = await import('undici');
      const streamed = await request(tenant.endpoint.webhookUrl, {
        method: 'POST',
        headers: signed(huge),
        body: Readable.from([huge.subarray(0, MAX_BODY / 2), huge.subarray(MAX_BODY / 2)]),
      });
      await streamed.body.dump();
      expect(streamed.statusCode).toBe(413);
    });
  });

  it('answers 401 to an endpoint that does not exist, whatever the signature, as to a wrong signature', async () => {
    const body = serializeLikeMeta(envelope(tenant.account));
    await changesNothing(async () => {
      for (const key of ['B'.repeat(32), 'x', `${tenant.endpoint.endpointKey}/extra`]) {
        const response = await call(`${app.webhookBaseUrl}/${key}`, { method: 'POST', headers: signed(body), body });
        expect({ key, status: response.status }).toEqual({ key, status: 401 });
      }
      // Dot segments leave the webhook prefix altogether: the router's 404, as for any unknown path.
      expect((await call(`${app.webhookBaseUrl}/%2e%2e`, { method: 'POST', headers: signed(body), body })).status).toBe(404);
    });
  });

  it('follows a changed app secret at once, and stops accepting the old one', async () => {
    const other = await addTenant(app, running);
    const body = serializeLikeMeta(envelope(other.account));
    const first = settled(app);
    expect((await call(other.endpoint.webhookUrl, { method: 'POST', headers: signed(body, other.account.appSecret), body })).status).toBe(200);
    await first; // the endpoint and its secret are now cached

    const em = app.orm.em.fork();
    const credential = await em.findOneOrFail(WhatsAppCredential, { id: other.credentialId });
    await writeCredentialSecrets(app.services.keys, credential, { appSecret: 'the-rotated-app-secret' });
    await em.flush();

    const again = serializeLikeMeta(envelope(other.account, 'after rotation'));
    await changesNothing(async () => {
      expect((await call(other.endpoint.webhookUrl, { method: 'POST', headers: signed(again, other.account.appSecret), body: again })).status).toBe(401);
    });
    const second = settled(app);
    expect((await call(other.endpoint.webhookUrl, { method: 'POST', headers: signed(again, 'the-rotated-app-secret'), body: again })).status).toBe(200);
    expect((await second)[0]!.outcome).toBe('processed');
  });

  it('answers 401 once the credential is deleted, even with its endpoint cached', async () => {
    const other = await addTenant(app, running);
    const body = serializeLikeMeta(envelope(other.account));
    const first = settled(app);
    expect((await call(other.endpoint.webhookUrl, { method: 'POST', headers: signed(body, other.account.appSecret), body })).status).toBe(200);
    await first;
    await app.orm.em.fork().nativeDelete(WhatsAppCredential, { id: other.credentialId });
    await changesNothing(async () => {
      const again = serializeLikeMeta(envelope(other.account, 'after deletion'));
      expect((await call(other.endpoint.webhookUrl, { method: 'POST', headers: signed(again, other.account.appSecret), body: again })).status).toBe(401);
    });
  });
});
