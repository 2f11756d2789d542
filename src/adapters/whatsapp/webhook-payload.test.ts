import { isKnownMessage, isMessagesChange, parseWebhookPayload, type MessagesValue, type WebhookEnvelope } from './webhook-payload';

// An inbound text webhook shaped as docs/whatsapp-cloud-api.md §3.3 describes it, with made-up IDs.
const INBOUND_TEXT = `{
  "object": "whatsapp_business_account",
  "entry": [
    {
      "id": "102290129340398",
      "changes": [
        {
          "field": "messages",
          "value": {
            "messaging_product": "whatsapp",
            "metadata": {
              "display_phone_number": "15550783881",
              "phone_number_id": "106540352242922"
            },
            "contacts": [
              { "profile": { "name": "Ana Souza" }, "wa_id": "5511987654321" }
            ],
            "messages": [
              {
                "from": "5511987654321",
                "id": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQ0RFRjAxMjM0NTY3ODkwQUJDAA==",
                "timestamp": "1760000000",
                "type": "text",
                "text": { "body": "Olá, meu pedido já saiu?" }
              }
            ]
          }
        }
      ]
    }
  ]
}`;

// An interactive reply (the messages[] element only), docs/whatsapp-cloud-api.md §3.3.
const INTERACTIVE_REPLY = {
  context: { from: '15550783881', id: 'wamid.HBgL…BUSINESS_MSG…' },
  from: '5511987654321',
  id: 'wamid.HBgL…USER_TAP…',
  timestamp: '1760000100',
  type: 'interactive',
  interactive: { type: 'button_reply', button_reply: { id: 'track-order', title: 'Track order' } },
};

// A delivered status, v24+ style (no `conversation`), docs/whatsapp-cloud-api.md §3.4.
const STATUS_DELIVERED = `{
  "object": "whatsapp_business_account",
  "entry": [
    {
      "id": "102290129340398",
      "changes": [
        {
          "field": "messages",
          "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
            "statuses": [
              {
                "id": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjQ1QUJDREVGMDEyMzQ1Njc4OQA=",
                "status": "delivered",
                "timestamp": "1760000205",
                "recipient_id": "5511987654321",
                "pricing": { "billable": false, "pricing_model": "PMP", "type": "free_customer_service", "category": "service" }
              }
            ]
          }
        }
      ]
    }
  ]
}`;

// A failed status (the statuses[] element only), docs/whatsapp-cloud-api.md §3.4.
const STATUS_FAILED = {
  id: 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjk5OTlBQkNERUYwMTIzNDU2Nzg5AA==',
  status: 'failed',
  timestamp: '1760000300',
  recipient_id: '5511987654321',
  errors: [
    {
      code: 131047,
      title: 'Re-engagement message',
      message: 'Re-engagement message',
      error_data: {
        details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      },
      href: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes',
    },
  ],
};

// A system-level error webhook (`value.errors[]`), docs/whatsapp-cloud-api.md §3.3.
const SYSTEM_ERRORS = {
  errors: [
    {
      code: 130429,
      title: 'Rate limit hit',
      message: 'Rate limit hit',
      error_data: {
        details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time',
      },
      href: '/documentation/business-messaging/whatsapp/support/error-codes',
    },
  ],
};

function envelopeWith(value: Record<string, unknown>, field = 'messages') {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field,
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

function valueOf(envelope: WebhookEnvelope): MessagesValue {
  const change = envelope.entry[0]!.changes[0]!;
  if (!isMessagesChange(change)) throw new Error('expected a messages change');
  return change.value;
}

function parsed(body: unknown): WebhookEnvelope {
  const result = parseWebhookPayload(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  if (!result.ok) throw new Error(`did not parse: ${result.issues.join('; ')}`);
  return result.envelope;
}

describe('parseWebhookPayload', () => {
  test('parses the reference inbound text, non-ASCII text intact', () => {
    const envelope = parsed(INBOUND_TEXT);
    expect(envelope.entry[0]!.id).toBe('102290129340398');
    const value = valueOf(envelope);
    expect(value.metadata.phone_number_id).toBe('106540352242922');
    expect(value.contacts).toEqual([{ profile: { name: 'Ana Souza' }, wa_id: '5511987654321' }]);
    const message = value.messages![0]!;
    expect(message.type).toBe('text');
    if (!isKnownMessage(message) || message.type !== 'text') throw new Error('expected text');
    expect(message.text.body).toBe('Olá, meu pedido já saiu?');
  });

  test('parses the escaped-Unicode form Meta actually sends to the same text', () => {
    const escaped = INBOUND_TEXT.replace('Olá, meu pedido já saiu?', 'Ol\\u00e1, meu pedido j\\u00e1 saiu?');
    const message = valueOf(parsed(Buffer.from(escaped))).messages![0]!;
    expect(message).toMatchObject({ text: { body: 'Olá, meu pedido já saiu?' } });
  });

  test('parses the reference interactive reply with its context', () => {
    const message = valueOf(parsed(envelopeWith({ messages: [INTERACTIVE_REPLY] }))).messages![0]!;
    expect(message).toMatchObject({
      type: 'interactive',
      context: { id: 'wamid.HBgL…BUSINESS_MSG…' },
      interactive: { type: 'button_reply', button_reply: { id: 'track-order', title: 'Track order' } },
    });
  });

  test('parses the reference delivered status with pricing', () => {
    const status = valueOf(parsed(STATUS_DELIVERED)).statuses![0]!;
    expect(status).toMatchObject({ status: 'delivered', recipient_id: '5511987654321', pricing: { pricing_model: 'PMP' } });
    expect(valueOf(parsed(STATUS_DELIVERED)).messages).toBeUndefined();
  });

  test('parses the reference failed status with its errors', () => {
    const status = valueOf(parsed(envelopeWith({ statuses: [STATUS_FAILED] }))).statuses![0]!;
    expect(status.errors![0]).toMatchObject({ code: 131047, error_data: { details: expect.stringContaining('24 hours') } });
  });

  test('parses the reference system-level errors', () => {
    expect(valueOf(parsed(envelopeWith(SYSTEM_ERRORS))).errors![0]!.code).toBe(130429);
  });

  test.each([
    ['image', { id: '1', mime_type: 'image/jpeg', sha256: 'abc', caption: 'hi' }],
    ['audio', { id: '2', mime_type: 'audio/ogg', voice: true }],
    ['document', { id: '3', filename: 'a.pdf' }],
    ['video', { id: '4' }],
    ['sticker', { id: '5', animated: false }],
    ['location', { latitude: -23.5, longitude: -46.6, name: 'Home' }],
    ['button', { payload: 'TRACK_1234', text: 'Track' }],
    ['reaction', { message_id: 'wamid.X' }],
    ['system', { body: 'changed number', type: 'user_changed_user_id' }],
    ['order', { catalog_id: '1', product_items: [] }],
  ])('parses a %s message', (type, content) => {
    const message = valueOf(parsed(envelopeWith({ messages: [{ from: '1', id: 'wamid.A', timestamp: '1', type, [type]: content }] }))).messages![0]!;
    expect(message).toMatchObject({ type, [type]: content });
  });

  test('passes an unknown message type through with its content', () => {
    const unknown = { from: '1', id: 'wamid.B', timestamp: '1', type: 'hologram', hologram: { depth: 3 } };
    const message = valueOf(parsed(envelopeWith({ messages: [unknown] }))).messages![0]!;
    expect(message).toEqual(unknown);
    expect(isKnownMessage(message)).toBe(false);
  });

  test('keeps unknown extra fields, e.g. BSUIDs', () => {
    const value = valueOf(
      parsed(
        envelopeWith({
          contacts: [{ profile: { name: 'A', username: 'a' }, wa_id: '1', user_id: 'US.1', parent_user_id: 'US.2' }],
          messages: [{ from_user_id: 'US.1', id: 'wamid.C', timestamp: '1', type: 'text', text: { body: 'hi' }, brand_new: 1 }],
        }),
      ),
    );
    expect(value.contacts![0]).toMatchObject({ parent_user_id: 'US.2' });
    expect(value.messages![0]).toMatchObject({ from_user_id: 'US.1', brand_new: 1 });
  });

  test('passes other webhook fields through raw', () => {
    const envelope = parsed({
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', time: 1760000000, changes: [{ field: 'account_update', value: { event: 'PARTNER_ADDED' } }] }],
    });
    const change = envelope.entry[0]!.changes[0]!;
    expect(isMessagesChange(change)).toBe(false);
    expect(change.value).toEqual({ event: 'PARTNER_ADDED' });
  });

  test.each([
    ['another object', { ...envelopeWith({}), object: 'page' }],
    ['no phone_number_id', { ...envelopeWith({}), entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1' } } }] }] }],
    ['a non-numeric phone_number_id', envelopeWith({ metadata: { display_phone_number: '1', phone_number_id: '../x' } })],
    ['a non-numeric WABA id', { ...envelopeWith({}), entry: [{ id: 'abc', changes: [] }] }],
    ['a message without id', envelopeWith({ messages: [{ from: '1', timestamp: '1', type: 'text', text: { body: 'x' } }] })],
    ['a known type with malformed content', envelopeWith({ messages: [{ from: '1', id: 'wamid.D', timestamp: '1', type: 'text', text: {} }] })],
  ])('rejects %s', (_name, body) => {
    const result = parseWebhookPayload(JSON.stringify(body));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_shape' });
  });

  test('rejects a body that is not JSON', () => {
    expect(parseWebhookPayload('not json')).toEqual({ ok: false, reason: 'invalid_json', issues: [] });
  });
});
