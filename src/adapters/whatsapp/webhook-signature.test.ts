import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

// The test vector of docs/whatsapp-cloud-api.md §3.2.
const SECRET = 'test_app_secret';
const BODY = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
const EXPECTED = 'sha256=dec6a680679a968e7e0319355b23599cbfc54502c0784668e9618baa0c633756';

describe('webhook signature', () => {
  test('signs the reference test vector', () => {
    expect(signWebhookBody(SECRET, BODY)).toBe(EXPECTED);
  });

  test('verifies the reference test vector', () => {
    expect(verifyWebhookSignature(SECRET, BODY, EXPECTED)).toBe(true);
  });

  test('accepts an upper-case digest and surrounding whitespace', () => {
    expect(verifyWebhookSignature(SECRET, BODY, ` sha256=${EXPECTED.slice(7).toUpperCase()} `)).toBe(true);
  });

  test('rejects another secret and a changed body', () => {
    expect(verifyWebhookSignature('other_secret', BODY, EXPECTED)).toBe(false);
    expect(verifyWebhookSignature(SECRET, Buffer.from(`${BODY.toString()} `), EXPECTED)).toBe(false);
  });

  test('hashes raw bytes: escaped and literal non-ASCII bodies sign differently', () => {
    const escaped = Buffer.from('{"text":"Ol\\u00e1"}');
    const literal = Buffer.from('{"text":"Olá"}');
    const signature = signWebhookBody(SECRET, escaped);
    expect(verifyWebhookSignature(SECRET, escaped, signature)).toBe(true);
    expect(verifyWebhookSignature(SECRET, literal, signature)).toBe(false);
  });

  test.each([
    ['missing header', undefined],
    ['null header', null],
    ['empty header', ''],
    ['no prefix', EXPECTED.slice(7)],
    ['sha1 prefix', `sha1=${EXPECTED.slice(7)}`],
    ['short digest', EXPECTED.slice(0, -2)],
    ['long digest', `${EXPECTED}00`],
    ['non-hex digest', `sha256=${'z'.repeat(64)}`],
    ['repeated header', [EXPECTED, EXPECTED]],
  ])('fails closed on %s', (_name, header) => {
    expect(verifyWebhookSignature(SECRET, BODY, header as string | string[] | undefined | null)).toBe(false);
  });

  test('fails closed without an app secret', () => {
    expect(verifyWebhookSignature('', BODY, signWebhookBody('', BODY))).toBe(false);
  });
});
