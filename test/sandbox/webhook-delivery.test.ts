import { SandboxDeliveryError, startSandbox } from '../../src/adapters/sandbox';
import {
  isMessagesChange,
  parseE164,
  parseWebhookPayload,
  verifyWebhookSignature,
  WhatsAppClient,
  type MessagesValue,
} from '../../src/adapters/whatsapp';
import { onDispose } from '../support/leftovers';
import { startWebhookReceiver, type ReceivedWebhook } from './webhook-receiver';

const VERIFY_TOKEN = 'per-tenant-verify-token';

async function setup(apiVersion = 'v24.0') {
  const running = await startSandbox({ apiVersion });
  onDispose(() => running.close());
  const client = new WhatsAppClient({ baseUrl: running.baseUrl, apiVersion, timeoutMs: 5_000, connections: 2 });
  onDispose(() => client.close());
  const account = running.sandbox.createAccount();
  const receiver = await startWebhookReceiver(VERIFY_TOKEN);
  return { ...running, client, account, receiver };
}

function messagesValue(webhook: ReceivedWebhook): MessagesValue {
  const parsed = parseWebhookPayload(webhook.rawBody);
  if (!parsed.ok) throw new Error(`unparseable webhook: ${parsed.issues.join('; ')}`);
  const change = parsed.envelope.entry[0]!.changes[0]!;
  if (!isMessagesChange(change)) throw new Error('expected a messages change');
  return change.value;
}

describe('sandbox webhook delivery', () => {
  test('an inbound message reaches the receiver signed with the app secret, in Meta’s escaped form', async () => {
    const { sandbox, account, client, receiver } = await setup();
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.subscribeApp(account.tokens.valid, account.wabaId);

    const result = await sandbox.deliverInboundMessage({
      phoneNumberId: account.phoneNumberId,
      from: '5511987654321',
      profileName: 'Ana Souza',
      type: 'text',
      text: { body: 'Olá, meu pedido já saiu?' },
    });
    const webhook = await receiver.next();

    expect(result).toMatchObject({ status: 200, url: receiver.url('/app') });
    expect(webhook.rawBody.equals(result.rawBody)).toBe(true);
    expect(verifyWebhookSignature(account.appSecret, webhook.rawBody, webhook.signature)).toBe(true);
    expect(verifyWebhookSignature('another-secret', webhook.rawBody, webhook.signature)).toBe(false);
    // Non-ASCII goes out as \uXXXX escapes, so only the raw bytes verify (docs/whatsapp-cloud-api.md §3.2).
    expect(webhook.rawBody.toString()).toContain('Ol\\u00e1');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(webhook.rawBody.toString())));
    expect(verifyWebhookSignature(account.appSecret, reserialised, webhook.signature)).toBe(false);

    const parsed = parseWebhookPayload(webhook.rawBody);
    expect(parsed.ok && parsed.envelope.entry[0]!.id).toBe(account.wabaId);
    const value = messagesValue(webhook);
    expect(value.metadata).toEqual({
      display_phone_number: account.displayPhoneNumber.replace(/\D/g, ''),
      phone_number_id: account.phoneNumberId,
    });
    expect(value.contacts).toEqual([{ profile: { name: 'Ana Souza' }, wa_id: '5511987654321' }]);
    expect(value.messages![0]).toMatchObject({
      from: '5511987654321',
      id: result.wamid,
      timestamp: expect.stringMatching(/^\d+$/),
      type: 'text',
      text: { body: 'Olá, meu pedido já saiu?' },
    });
  });

  test('routing precedence is phone override, then WABA override, then app callback', async () => {
    const { sandbox, account, client, receiver } = await setup();
    const token = account.tokens.valid;
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.subscribeApp(token, account.wabaId);
    const deliver = async () => {
      const result = await sandbox.deliverInboundMessage({ phoneNumberId: account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'x' } });
      const webhook = await receiver.next();
      expect(verifyWebhookSignature(account.appSecret, webhook.rawBody, webhook.signature)).toBe(true);
      expect(result.url).toBe(receiver.url(webhook.path));
      return webhook.path;
    };

    expect(await deliver()).toBe('/app');
    await client.setWabaCallbackOverride(token, account.wabaId, receiver.url('/waba'), VERIFY_TOKEN);
    expect(await deliver()).toBe('/waba');
    await client.setPhoneCallbackOverride(token, account.phoneNumberId, receiver.url('/phone'), VERIFY_TOKEN);
    expect(await deliver()).toBe('/phone');
    await client.clearPhoneCallbackOverride(token, account.phoneNumberId);
    expect(await deliver()).toBe('/waba');
    await client.clearWabaCallbackOverride(token, account.wabaId);
    expect(await deliver()).toBe('/app');
    expect(receiver.handshakes.map((h) => h.path)).toEqual(['/waba', '/phone']);
  });

  test('nothing is delivered for a WABA the app has not subscribed to, override or not', async () => {
    const { sandbox, account, client, receiver } = await setup();
    await client.setPhoneCallbackOverride(account.tokens.valid, account.phoneNumberId, receiver.url('/phone'), VERIFY_TOKEN);
    const error = await sandbox
      .deliverInboundMessage({ phoneNumberId: account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxDeliveryError);
    expect((error as SandboxDeliveryError).reason).toBe('not_subscribed');
    expect(receiver.received).toHaveLength(0);
  });

  test('an inbound message opens the 24 h window for replies; it closes a day later', async () => {
    const { sandbox, account, client, receiver } = await setup();
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.subscribeApp(account.tokens.valid, account.wabaId);
    const reply = { to: parseE164('+5511987654321'), type: 'text' as const, text: { body: 'Sim, saiu hoje.' } };
    await expect(client.sendMessage(account.tokens.valid, account.phoneNumberId, reply)).rejects.toMatchObject({ kind: 'window_closed' });
    await sandbox.deliverInboundMessage({ phoneNumberId: account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'Oi' } });
    await expect(client.sendMessage(account.tokens.valid, account.phoneNumberId, reply)).resolves.toMatchObject({ messages: [expect.anything()] });
    sandbox.advanceClock(24 * 3_600_000 + 1);
    await expect(client.sendMessage(account.tokens.valid, account.phoneNumberId, reply)).rejects.toMatchObject({ graphCode: 131047 });
  });

  test('status webhooks describe a sent message: recipient, pricing, errors', async () => {
    const { sandbox, account, client, receiver } = await setup();
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.subscribeApp(account.tokens.valid, account.wabaId);
    const sent = await client.sendMessage(account.tokens.valid, account.phoneNumberId, {
      to: parseE164('+5511987654321'),
      type: 'template',
      template: { name: 'order_shipped', language: { code: 'pt_BR' } },
      biz_opaque_callback_data: 'order-1234',
    });
    const wamid = sent.messages[0]!.id;

    await sandbox.deliverStatus({ phoneNumberId: account.phoneNumberId, wamid, status: 'delivered' });
    const delivered = messagesValue(await receiver.next());
    expect(delivered.messages).toBeUndefined();
    expect(delivered.contacts).toBeUndefined();
    expect(delivered.statuses).toEqual([
      {
        id: wamid,
        status: 'delivered',
        timestamp: expect.stringMatching(/^\d+$/),
        recipient_id: '5511987654321',
        biz_opaque_callback_data: 'order-1234',
        pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' },
      },
    ]);

    const errors = [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'x' } }];
    const result = await sandbox.deliverStatus({ phoneNumberId: account.phoneNumberId, wamid, status: 'failed', errors });
    expect(result.status).toBe(200);
    expect(messagesValue(await receiver.next()).statuses![0]).toMatchObject({ status: 'failed', errors: [{ code: 131026 }] });
  });

  test('API versions before v24.0 still carry the conversation object on statuses', async () => {
    const { sandbox, account, client, receiver } = await setup('v23.0');
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.subscribeApp(account.tokens.valid, account.wabaId);
    await sandbox.deliverStatus({ phoneNumberId: account.phoneNumberId, wamid: 'wamid.X', status: 'sent', recipientId: '5511987654321' });
    expect(messagesValue(await receiver.next()).statuses![0]!.conversation).toMatchObject({ id: expect.any(String), origin: { type: 'service' } });
  });

  test('deliverRaw signs what it is given unless told otherwise, and returns the receiver’s status', async () => {
    const { sandbox, account, client, receiver } = await setup();
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.subscribeApp(account.tokens.valid, account.wabaId);
    const body = { object: 'whatsapp_business_account', entry: [] };

    await sandbox.deliverRaw(body, { phoneNumberId: account.phoneNumberId });
    const signed = await receiver.next();
    expect(verifyWebhookSignature(account.appSecret, signed.rawBody, signed.signature)).toBe(true);

    await sandbox.deliverRaw(body, { phoneNumberId: account.phoneNumberId, signatureOverride: `sha256=${'0'.repeat(64)}` });
    const forged = await receiver.next();
    expect(verifyWebhookSignature(account.appSecret, forged.rawBody, forged.signature)).toBe(false);

    receiver.postStatus = 500;
    const unsigned = await sandbox.deliverRaw(body, { url: receiver.url('/direct'), signatureOverride: null });
    expect(unsigned.status).toBe(500);
    const webhook = await receiver.next();
    expect(webhook.path).toBe('/direct');
    expect(webhook.signature).toBeUndefined();
    expect(verifyWebhookSignature(account.appSecret, webhook.rawBody, webhook.signature)).toBe(false);
  });

  test('a receiver that does not answer is reported as unreachable', async () => {
    const { sandbox, account, client, receiver } = await setup();
    sandbox.setAppCallbackUrl(account.appId, receiver.url('/app'));
    await client.subscribeApp(account.tokens.valid, account.wabaId);
    await receiver.close();
    await expect(
      sandbox.deliverInboundMessage({ phoneNumberId: account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'x' } }),
    ).rejects.toMatchObject({ name: 'SandboxDeliveryError', reason: 'unreachable' });
  });
});
