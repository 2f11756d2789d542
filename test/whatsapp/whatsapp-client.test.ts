import { startSandbox } from '../../src/adapters/sandbox';
import {
  GraphApiError,
  GraphApiMalformedResponseError,
  GraphApiUnavailableError,
  GraphRequestValidationError,
  parseBsuid,
  parseE164,
  toWaId,
  WhatsAppClient,
  type OutboundMessage,
} from '../../src/adapters/whatsapp';
import { startWebhookReceiver } from '../sandbox/webhook-receiver';
import { onDispose } from '../support/leftovers';

const CUSTOMER = parseE164('+5511987654321');

async function setup(options: { apiVersion?: string; timeoutMs?: number; now?: () => number } = {}) {
  const running = await startSandbox({ now: options.now });
  onDispose(() => running.close());
  const client = new WhatsAppClient({
    baseUrl: running.baseUrl,
    apiVersion: options.apiVersion ?? 'v24.0',
    timeoutMs: options.timeoutMs ?? 5_000,
    connections: 4,
  });
  onDispose(() => client.close());
  const account = running.sandbox.createAccount({ verifiedName: 'Acme Shop' });
  return { ...running, client, account };
}

async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

describe('WhatsAppClient against the sandbox: credential checks', () => {
  test('debugToken reports validity, scopes, granted WABA and a permanent token', async () => {
    const { client, account } = await setup();
    const data = await client.debugToken(account.tokens.valid);
    expect(data).toMatchObject({ is_valid: true, app_id: account.appId, type: 'SYSTEM_USER', expires_at: 0 });
    expect(data.scopes).toEqual(expect.arrayContaining(['whatsapp_business_management', 'whatsapp_business_messaging']));
    expect(data.granular_scopes).toContainEqual({ scope: 'whatsapp_business_management', target_ids: [account.wabaId] });
  });

  test('debugToken shows when an expiring token expires', async () => {
    const { client, account, sandbox } = await setup();
    const data = await client.debugToken(account.tokens.expiring);
    expect(data.expires_at! * 1000).toBeGreaterThan(sandbox.now() + 4 * 86_400_000);
    expect(data.expires_at! * 1000).toBeLessThanOrEqual(sandbox.now() + 5 * 86_400_000);
  });

  test('a missing scope is visible from debugToken, and sending fails with a permission error', async () => {
    const { client, account, sandbox } = await setup();
    const data = await client.debugToken(account.tokens.missingScope);
    expect(data.is_valid).toBe(true);
    expect(data.scopes).not.toContain('whatsapp_business_messaging');
    sandbox.openWindow(account.phoneNumberId, toWaId(CUSTOMER));
    const error = await rejection(
      client.sendMessage(account.tokens.missingScope, account.phoneNumberId, { to: CUSTOMER, type: 'text', text: { body: 'hi' } }),
      GraphApiError,
    );
    expect(error).toMatchObject({ graphCode: 10, kind: 'permission_missing', isCredentialFailure: true, retryable: false });
  });

  test('with the app secret, calls carry appsecret_proof and a wrong secret is detected', async () => {
    const { client, account, sandbox } = await setup();
    await client.debugToken(account.tokens.valid, account.appSecret);
    expect(sandbox.requests().at(-1)!.url).toMatch(/appsecret_proof=[0-9a-f]{64}/);
    const error = await rejection(client.debugToken(account.tokens.valid, 'not-the-secret'), GraphApiError);
    expect(error).toMatchObject({ graphCode: 100, kind: 'invalid_parameter', isAppSecretProofInvalid: true });
  });

  test('an app that requires appsecret_proof accepts the credential form of auth', async () => {
    const { client, account, sandbox } = await setup();
    sandbox.setRequireAppSecretProof(account.appId, true);
    await rejection(client.getPhoneNumber(account.tokens.valid, account.phoneNumberId), GraphApiError);
    const phone = await client.getPhoneNumber({ accessToken: account.tokens.valid, appSecret: account.appSecret }, account.phoneNumberId);
    expect(phone.id).toBe(account.phoneNumberId);
  });

  test('an expired token is token_expired, a credential failure', async () => {
    const { client, account } = await setup();
    const error = await rejection(client.getPhoneNumber(account.tokens.expired, account.phoneNumberId), GraphApiError);
    expect(error).toMatchObject({ graphCode: 190, graphSubcode: 463, kind: 'token_expired', isCredentialFailure: true, retryable: false });
    expect(error.fbtraceId).toEqual(expect.any(String));
  });

  test('a token that expires while in use turns into token_expired', async () => {
    const { client, account, sandbox } = await setup();
    await client.getBusinessAccount(account.tokens.expiring, account.wabaId);
    sandbox.advanceClock(6 * 86_400_000);
    const error = await rejection(client.getBusinessAccount(account.tokens.expiring, account.wabaId), GraphApiError);
    expect(error.kind).toBe('token_expired');
  });

  test('revoked tokens are token_invalid, whether created revoked or revoked later', async () => {
    const { client, account, sandbox } = await setup();
    const created = await rejection(client.debugToken(account.tokens.revoked), GraphApiError);
    expect(created).toMatchObject({ graphCode: 190, graphSubcode: 460, kind: 'token_invalid', isCredentialFailure: true });
    sandbox.revokeToken(account.tokens.valid, 458);
    const later = await rejection(client.getBusinessAccount(account.tokens.valid, account.wabaId), GraphApiError);
    expect(later).toMatchObject({ graphSubcode: 458, kind: 'token_invalid' });
  });

  test('a token for another WABA gets a permission error on this account, visible in debugToken', async () => {
    const { client, account } = await setup();
    const data = await client.debugToken(account.tokens.wrongWaba);
    expect(data.granular_scopes.flatMap((s) => s.target_ids ?? [])).not.toContain(account.wabaId);
    for (const call of [
      client.getBusinessAccount(account.tokens.wrongWaba, account.wabaId),
      client.getPhoneNumber(account.tokens.wrongWaba, account.phoneNumberId),
      client.listPhoneNumbers(account.tokens.wrongWaba, account.wabaId),
    ]) {
      const error = await rejection(call, GraphApiError);
      expect(error).toMatchObject({ graphCode: 200, kind: 'permission_missing', isCredentialFailure: true });
    }
  });

  test('an unknown node is not_found', async () => {
    const { client, account } = await setup();
    const error = await rejection(client.getPhoneNumber(account.tokens.valid, '123456789012345'), GraphApiError);
    expect(error).toMatchObject({ graphCode: 100, graphSubcode: 33, kind: 'not_found', isCredentialFailure: false });
  });

  test("a token Graph echoes back never appears in the error", async () => {
    const { client, account } = await setup();
    const unknownToken = `EAAG${'Zz9'.repeat(50)}`;
    const error = await rejection(client.getPhoneNumber(unknownToken, account.phoneNumberId), GraphApiError);
    expect(error.kind).toBe('token_invalid');
    expect(`${error.message} ${error.details ?? ''} ${JSON.stringify(error)}`).not.toContain(unknownToken.slice(0, 16));
  });
});

describe('WhatsAppClient against the sandbox: account reads', () => {
  test('getPhoneNumber returns the documented fields', async () => {
    const { client, account } = await setup();
    const phone = await client.getPhoneNumber(account.tokens.valid, account.phoneNumberId);
    expect(phone).toMatchObject({
      id: account.phoneNumberId,
      display_phone_number: account.displayPhoneNumber,
      verified_name: 'Acme Shop',
      quality_rating: 'GREEN',
      code_verification_status: 'VERIFIED',
      status: 'CONNECTED',
      platform_type: 'CLOUD_API',
      throughput: { level: expect.any(String) },
    });
    const onlyName = await client.getPhoneNumber(account.tokens.valid, account.phoneNumberId, ['verified_name']);
    expect(Object.keys(onlyName).sort()).toEqual(['id', 'verified_name']);
  });

  test('a restricted number shows FLAGGED and BLOCKED health, and cannot send', async () => {
    const { client, account, sandbox } = await setup();
    expect((await client.getHealthStatus(account.tokens.valid, account.phoneNumberId)).can_send_message).toBe('AVAILABLE');
    sandbox.restrictPhone(account.phoneNumberId);
    const phone = await client.getPhoneNumber(account.tokens.valid, account.phoneNumberId, ['status', 'health_status']);
    expect(phone.status).toBe('FLAGGED');
    expect(phone.health_status!.can_send_message).toBe('BLOCKED');
    const health = await client.getHealthStatus(account.tokens.valid, account.phoneNumberId);
    expect(health.entities.find((e) => e.entity_type === 'PHONE_NUMBER')).toMatchObject({
      can_send_message: 'BLOCKED',
      errors: [{ error_code: 131031 }],
    });
    const error = await rejection(
      client.sendMessage(account.tokens.valid, account.phoneNumberId, {
        to: CUSTOMER,
        type: 'template',
        template: { name: 'order_shipped', language: { code: 'pt_BR' } },
      }),
      GraphApiError,
    );
    expect(error).toMatchObject({ graphCode: 131031, kind: 'integrity_restricted', retryable: false });
  });

  test('getBusinessAccount and the WABA health status', async () => {
    const { client, account } = await setup();
    const waba = await client.getBusinessAccount(account.tokens.valid, account.wabaId);
    expect(waba).toMatchObject({ id: account.wabaId, name: expect.any(String), account_review_status: 'APPROVED', currency: 'USD' });
    const health = await client.getHealthStatus(account.tokens.valid, account.wabaId);
    expect(health.entities.map((e) => e.entity_type)).toEqual(['WABA', 'BUSINESS', 'APP']);
  });

  test('listPhoneNumbers follows the cursor, within a page bound', async () => {
    const { client, account, sandbox } = await setup();
    for (let i = 0; i < 4; i++) sandbox.addPhoneNumber(account.wabaId);
    sandbox.clearRequests();
    const all = await client.listPhoneNumbers(account.tokens.valid, account.wabaId, { pageSize: 2 });
    expect(all.truncated).toBe(false);
    expect(all.data).toHaveLength(5);
    expect(all.data[0]!.id).toBe(account.phoneNumberId);
    expect(new Set(all.data.map((p) => p.id)).size).toBe(5);
    expect(sandbox.requests()).toHaveLength(3);
    const bounded = await client.listPhoneNumbers(account.tokens.valid, account.wabaId, { pageSize: 2, maxPages: 2 });
    expect(bounded).toMatchObject({ truncated: true, data: expect.any(Array) });
    expect(bounded.data).toHaveLength(4);
  });
});

describe('WhatsAppClient against the sandbox: webhook registration', () => {
  test('subscribe, list and unsubscribe the app', async () => {
    const { client, account } = await setup();
    expect(await client.listSubscribedApps(account.tokens.valid, account.wabaId)).toEqual([]);
    await client.subscribeApp(account.tokens.valid, account.wabaId);
    const apps = await client.listSubscribedApps(account.tokens.valid, account.wabaId);
    expect(apps).toEqual([{ whatsapp_business_api_data: expect.objectContaining({ id: account.appId }) }]);
    await client.unsubscribeApp(account.tokens.valid, account.wabaId);
    expect(await client.listSubscribedApps(account.tokens.valid, account.wabaId)).toEqual([]);
  });

  test('a WABA override before subscribing is refused with Meta’s (#100)', async () => {
    const { client, account } = await setup();
    const receiver = await startWebhookReceiver('vt-1');
    const error = await rejection(
      client.setWabaCallbackOverride(account.tokens.valid, account.wabaId, receiver.url('/waba'), 'vt-1'),
      GraphApiError,
    );
    expect(error).toMatchObject({ graphCode: 100, kind: 'invalid_parameter' });
    expect(error.message).toContain('Before override the current callback uri, your app must be subscribed');
    expect(receiver.handshakes).toHaveLength(0);
  });

  test('a WABA override is verified with hub.challenge, listed, routed and cleared', async () => {
    const { client, account, sandbox } = await setup();
    const receiver = await startWebhookReceiver('vt-waba');
    await client.subscribeApp(account.tokens.valid, account.wabaId);
    await client.setWabaCallbackOverride(account.tokens.valid, account.wabaId, receiver.url('/waba'), 'vt-waba');
    expect(receiver.handshakes).toEqual([{ path: '/waba', mode: 'subscribe', verifyToken: 'vt-waba' }]);
    expect(await client.listSubscribedApps(account.tokens.valid, account.wabaId)).toEqual([
      expect.objectContaining({ override_callback_uri: receiver.url('/waba') }),
    ]);
    expect(await client.getWebhookConfiguration(account.tokens.valid, account.phoneNumberId)).toEqual({
      whatsapp_business_account: receiver.url('/waba'),
    });
    expect(sandbox.routedCallbackUrl(account.phoneNumberId)).toBe(receiver.url('/waba'));
    await client.clearWabaCallbackOverride(account.tokens.valid, account.wabaId);
    expect(await client.getWebhookConfiguration(account.tokens.valid, account.phoneNumberId)).toEqual({});
  });

  test('a failed handshake is Graph error 2200, and the verify token is not in the error', async () => {
    const { client, account } = await setup();
    const receiver = await startWebhookReceiver('the-right-token');
    const error = await rejection(
      client.setPhoneCallbackOverride(account.tokens.valid, account.phoneNumberId, receiver.url('/pn'), 'a-wrong-token-value'),
      GraphApiError,
    );
    expect(error).toMatchObject({ graphCode: 2200, kind: 'invalid_parameter', retryable: false });
    expect(error.message).toContain('403');
    expect(error.message).not.toContain('a-wrong-token-value');
    expect(await client.getWebhookConfiguration(account.tokens.valid, account.phoneNumberId)).toEqual({});
  });

  test('a phone override is set, read back with the other layers, and cleared', async () => {
    const { client, account, sandbox } = await setup();
    const receiver = await startWebhookReceiver('vt-pn');
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.setPhoneCallbackOverride(account.tokens.valid, account.phoneNumberId, receiver.url('/pn'), 'vt-pn');
    expect(await client.getWebhookConfiguration(account.tokens.valid, account.phoneNumberId)).toEqual({
      phone_number: receiver.url('/pn'),
      application: receiver.url('/app'),
    });
    await client.clearPhoneCallbackOverride(account.tokens.valid, account.phoneNumberId);
    expect(await client.getWebhookConfiguration(account.tokens.valid, account.phoneNumberId)).toEqual({ application: receiver.url('/app') });
  });

  test('an override URI over 200 characters is refused before any request', async () => {
    const { client, account, sandbox } = await setup();
    sandbox.clearRequests();
    await rejection(
      client.setPhoneCallbackOverride(account.tokens.valid, account.phoneNumberId, `https://x.example/${'a'.repeat(200)}`, 'vt'),
      GraphRequestValidationError,
    );
    expect(sandbox.requests()).toHaveLength(0);
  });
});

describe('WhatsAppClient against the sandbox: sending', () => {
  const inWindow = async () => {
    const context = await setup();
    context.sandbox.openWindow(context.account.phoneNumberId, toWaId(CUSTOMER));
    return context;
  };

  test('a text inside the window is accepted with a fresh wamid and the resolved wa_id', async () => {
    const { client, account, sandbox } = await inWindow();
    const first = await client.sendMessage(account.tokens.valid, account.phoneNumberId, { to: CUSTOMER, type: 'text', text: { body: 'Olá! 👋' } });
    const second = await client.sendMessage(account.tokens.valid, account.phoneNumberId, { to: CUSTOMER, type: 'text', text: { body: 'again' } });
    expect(first).toMatchObject({ messaging_product: 'whatsapp', contacts: [{ input: CUSTOMER, wa_id: '5511987654321' }] });
    expect(first.messages[0]!.id).toMatch(/^wamid\./);
    expect(first.messages[0]!.id).not.toBe(second.messages[0]!.id);
    expect(first.messages[0]!.message_status).toBeUndefined();
    expect(sandbox.messagesAccepted(account.phoneNumberId)).toBe(2);
    expect(sandbox.sentMessages(account.phoneNumberId)[0]!.body).toMatchObject({ messaging_product: 'whatsapp', text: { body: 'Olá! 👋' } });
  });

  test.each<[string, OutboundMessage]>([
    ['image by link', { to: CUSTOMER, type: 'image', image: { link: 'https://cdn.example.com/a.jpg', caption: 'A' } }],
    ['document by link', { to: CUSTOMER, type: 'document', document: { link: 'https://cdn.example.com/a.pdf', filename: 'a.pdf' } }],
    ['audio by link', { to: CUSTOMER, type: 'audio', audio: { link: 'https://cdn.example.com/a.ogg' } }],
    ['video by link', { to: CUSTOMER, type: 'video', video: { link: 'https://cdn.example.com/a.mp4' } }],
    ['reply buttons', {
      to: CUSTOMER,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Your order #1234 has shipped. What next?' },
        footer: { text: 'Acme Shop' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'track-order', title: 'Track order' } },
            { type: 'reply', reply: { id: 'talk-agent', title: 'Talk to agent' } },
          ],
        },
      },
    }],
    ['a list', {
      to: CUSTOMER,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Pick one' },
        action: { button: 'Options', sections: [{ title: 'All', rows: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B', description: 'Bee' }] }] },
      },
    }],
    ['a reaction', { to: CUSTOMER, type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '👍' } }],
    ['a contextual reply', { to: CUSTOMER, type: 'text', text: { body: 'Yes' }, context: { message_id: 'wamid.ABC' } }],
    ['a BSUID recipient', { recipient: parseBsuid('US.13491208655302741918'), type: 'template', template: { name: 'hello', language: { code: 'en_US' } } }],
  ])('accepts %s', async (_name, message) => {
    const { client, account } = await inWindow();
    const response = await client.sendMessage(account.tokens.valid, account.phoneNumberId, message);
    expect(response.messages[0]!.id).toMatch(/^wamid\./);
  });

  test('a template is accepted outside the window and reports message_status', async () => {
    const { client, account } = await setup();
    const response = await client.sendMessage(account.tokens.valid, account.phoneNumberId, {
      to: CUSTOMER,
      type: 'template',
      template: {
        name: 'order_shipped',
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '#1234' }] }],
      },
    });
    expect(response.messages[0]!.message_status).toBe('accepted');
  });

  test('free-form outside the window is window_closed (131047), not retryable', async () => {
    const { client, account, sandbox } = await inWindow();
    sandbox.advanceClock(24 * 3_600_000 + 1_000);
    const error = await rejection(
      client.sendMessage(account.tokens.valid, account.phoneNumberId, { to: CUSTOMER, type: 'text', text: { body: 'late' } }),
      GraphApiError,
    );
    expect(error).toMatchObject({ graphCode: 131047, kind: 'window_closed', retryable: false, isCredentialFailure: false });
    expect(error.details).toContain('24 hours');
  });

  test('invalid bodies get Graph validation errors', async () => {
    const { client, account } = await inWindow();
    const tooLong = await rejection(
      client.sendMessage(account.tokens.valid, account.phoneNumberId, { to: CUSTOMER, type: 'text', text: { body: 'x'.repeat(4097) } }),
      GraphApiError,
    );
    expect(tooLong).toMatchObject({ graphCode: 131009, kind: 'invalid_parameter' });
    const fourButtons = Array.from({ length: 4 }, (_, i) => ({ type: 'reply' as const, reply: { id: `b${i}`, title: `B${i}` } }));
    const buttons = await rejection(
      client.sendMessage(account.tokens.valid, account.phoneNumberId, {
        to: CUSTOMER,
        type: 'interactive',
        interactive: { type: 'button', body: { text: 'x' }, action: { buttons: fourButtons } },
      }),
      GraphApiError,
    );
    expect(buttons.kind).toBe('invalid_parameter');
    const template = await rejection(
      client.sendMessage(account.tokens.valid, account.phoneNumberId, {
        to: CUSTOMER,
        type: 'template',
        template: { name: 'Not A Template!', language: { code: 'en' } },
      }),
      GraphApiError,
    );
    expect(template).toMatchObject({ graphCode: 132001, kind: 'template_error' });
  });

  test('a recipient without + is refused locally, before Meta could prefix the wrong country code', async () => {
    const { client, account, sandbox } = await inWindow();
    sandbox.clearRequests();
    const message = { to: '5511987654321', type: 'text', text: { body: 'x' } } as unknown as OutboundMessage;
    const error = await rejection(client.sendMessage(account.tokens.valid, account.phoneNumberId, message), GraphRequestValidationError);
    expect(error.field).toBe('to');
    await rejection(client.getPhoneNumber(account.tokens.valid, '../debug_token'), GraphRequestValidationError);
    expect(sandbox.requests()).toHaveLength(0);
  });

  test('markAsRead succeeds, with a typing indicator too', async () => {
    const { client, account, sandbox } = await setup();
    await client.markAsRead(account.tokens.valid, account.phoneNumberId, 'wamid.ABC');
    await client.markAsRead(account.tokens.valid, account.phoneNumberId, 'wamid.ABC', { typingIndicator: true });
    expect(sandbox.requests().at(-1)!.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.ABC',
      typing_indicator: { type: 'text' },
    });
    expect(sandbox.messagesAccepted(account.phoneNumberId)).toBe(0);
  });

  test('the per-number throughput limit answers 130429: throughput_limited, retryable', async () => {
    const frozen = Date.now();
    const { client, account, sandbox } = await setup({ now: () => frozen });
    sandbox.setThroughputLimit(account.phoneNumberId, 2);
    const template: OutboundMessage = { to: CUSTOMER, type: 'template', template: { name: 'hello', language: { code: 'en_US' } } };
    await client.sendMessage(account.tokens.valid, account.phoneNumberId, template);
    await client.sendMessage(account.tokens.valid, account.phoneNumberId, template);
    const error = await rejection(client.sendMessage(account.tokens.valid, account.phoneNumberId, template), GraphApiError);
    expect(error).toMatchObject({ graphCode: 130429, kind: 'throughput_limited', retryable: true });
    sandbox.advanceClock(1_000);
    await client.sendMessage(account.tokens.valid, account.phoneNumberId, template);
    expect(sandbox.messagesAccepted(account.phoneNumberId)).toBe(3);
  });
});

describe('WhatsAppClient against the sandbox: transport', () => {
  test('injected Graph errors are translated, e.g. 130429 and 80007', async () => {
    const { client, account, sandbox } = await setup();
    sandbox.failNext(1, { code: 130429, subcode: 2494055, message: '(#130429) Rate limit hit' }, { pathIncludes: '/messages' });
    sandbox.failNext(1, { code: 80007, message: '(#80007) Rate limit issues' });
    const waba = await rejection(client.getBusinessAccount(account.tokens.valid, account.wabaId), GraphApiError);
    expect(waba).toMatchObject({ graphCode: 80007, kind: 'rate_limited', retryable: true });
    const send = await rejection(client.markAsRead(account.tokens.valid, account.phoneNumberId, 'wamid.A'), GraphApiError);
    expect(send).toMatchObject({ graphCode: 130429, kind: 'throughput_limited', retryable: true });
    await client.markAsRead(account.tokens.valid, account.phoneNumberId, 'wamid.A');
  });

  test('a sandbox that is down is GraphApiUnavailableError, and it recovers', async () => {
    const { client, account, sandbox } = await setup();
    await client.getBusinessAccount(account.tokens.valid, account.wabaId);
    sandbox.setDown(true);
    const error = await rejection(client.getBusinessAccount(account.tokens.valid, account.wabaId), GraphApiUnavailableError);
    expect(error).toMatchObject({ kind: 'transient', retryable: true, reason: 'network', isCredentialFailure: false });
    sandbox.setDown(false);
    expect((await client.getBusinessAccount(account.tokens.valid, account.wabaId)).id).toBe(account.wabaId);
  });

  test('a held request is answered only when released, from the state at that moment; other requests pass', async () => {
    const { client, account, sandbox } = await setup();
    const held = sandbox.holdNext({ method: 'GET', pathIncludes: `/${account.wabaId}` });
    let answered = false;
    const read = client.getBusinessAccount(account.tokens.valid, account.wabaId).finally(() => (answered = true));
    await held.arrived;
    // Another request is not held: the hold is for the first match only.
    expect((await client.getPhoneNumber(account.tokens.valid, account.phoneNumberId)).id).toBe(account.phoneNumberId);
    expect(answered).toBe(false);
    sandbox.revokeToken(account.tokens.valid);
    held.release();
    await rejection(read, GraphApiError);
  });

  test('a slow Graph is a timeout, reported as unavailable', async () => {
    const { client, account, sandbox } = await setup({ timeoutMs: 150 });
    sandbox.setLatency(10_000);
    const error = await rejection(client.getBusinessAccount(account.tokens.valid, account.wabaId), GraphApiUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', retryable: true });
  });

  test('5xx without a Graph body is unavailable; a 200 that is not JSON is malformed', async () => {
    const { client, account, sandbox } = await setup();
    sandbox.failNext(1, { httpStatus: 502 });
    const unavailable = await rejection(client.getBusinessAccount(account.tokens.valid, account.wabaId), GraphApiUnavailableError);
    expect(unavailable).toMatchObject({ reason: 'http_status', httpStatus: 502 });
    sandbox.failNext(1, { httpStatus: 200, rawBody: '<html>captive portal</html>' });
    await rejection(client.getBusinessAccount(account.tokens.valid, account.wabaId), GraphApiMalformedResponseError);
  });

  test('the token travels only in the Authorization header (input_token of debug_token aside)', async () => {
    const { client, account, sandbox } = await setup();
    const token = account.tokens.valid;
    sandbox.openWindow(account.phoneNumberId, toWaId(CUSTOMER));
    await client.debugToken(token, account.appSecret);
    await client.getPhoneNumber(token, account.phoneNumberId);
    await client.getBusinessAccount({ accessToken: token, appSecret: account.appSecret }, account.wabaId);
    await client.listPhoneNumbers(token, account.wabaId);
    await client.subscribeApp(token, account.wabaId);
    await client.sendMessage(token, account.phoneNumberId, { to: CUSTOMER, type: 'text', text: { body: 'hi' } });
    const requests = sandbox.requests();
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const request of requests) {
      expect(request.authorization).toBe('bearer');
      expect(request.tokenInQuery).toBe(false);
      expect(JSON.stringify(request)).not.toContain(account.appSecret);
      // Meta documents input_token as a query parameter only; it is the single exception.
      const url = request.path.endsWith('/debug_token') ? request.url.replace(`input_token=${token}`, '') : request.url;
      expect(url).not.toContain(token);
      expect(JSON.stringify(request.body ?? null)).not.toContain(token);
    }
  });

  test('base URL and API version are configurable', async () => {
    const { client, account, sandbox } = await setup({ apiVersion: 'v23.0' });
    await client.getBusinessAccount(account.tokens.valid, account.wabaId);
    expect(sandbox.requests().at(-1)!.path).toBe(`/v23.0/${account.wabaId}`);
    expect(() => new WhatsAppClient({ baseUrl: 'http://127.0.0.1:1', apiVersion: '24', timeoutMs: 100, connections: 1 })).toThrow(RangeError);
  });
});
