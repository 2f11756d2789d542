import { fromWaId, InvalidPhoneNumberError, parseBsuid, parseE164, parseRecipient, toWaId, tryParseE164 } from './phone-number';

describe('parseE164', () => {
  test.each([
    ['+16315551234', '+16315551234'],
    ['+1 (631) 555-1234', '+16315551234'],
    [' +55 11 98765-4321 ', '+5511987654321'],
    ['+44.20.7946.0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
  ])('%s → %s', (input, expected) => {
    expect(parseE164(input)).toBe(expected);
  });

  // Without "+", Meta would prefix the business number's country code: refuse (docs/whatsapp-cloud-api.md §8).
  test.each(['(631) 555-1234', '1 (631) 555-1234', '16315551234'])('refuses %s, which has no +', (input) => {
    expect(() => parseE164(input)).toThrow(InvalidPhoneNumberError);
  });

  test.each(['+0123456789', '+1234567', '+1234567890123456', '+1 555 CALL NOW', '+'])('refuses %s', (input) => {
    expect(tryParseE164(input)).toBeNull();
  });
});

describe('wa_id conversions', () => {
  test('a webhook wa_id becomes +digits and back', () => {
    const phone = fromWaId('5511987654321');
    expect(phone).toBe('+5511987654321');
    expect(toWaId(phone)).toBe('5511987654321');
  });

  test('refuses a wa_id that is not digits', () => {
    expect(() => fromWaId('US.13491208655302741918')).toThrow(InvalidPhoneNumberError);
  });
});

describe('BSUIDs', () => {
  test('accepts the documented shape as an opaque string', () => {
    expect(parseBsuid('US.13491208655302741918')).toBe('US.13491208655302741918');
    expect(() => parseBsuid('us.1349')).toThrow(InvalidPhoneNumberError);
    expect(() => parseBsuid(`US.${'a'.repeat(129)}`)).toThrow(InvalidPhoneNumberError);
  });

  test('parseRecipient tells phone numbers and BSUIDs apart', () => {
    expect(parseRecipient('US.13491208655302741918')).toEqual({ kind: 'bsuid', recipient: 'US.13491208655302741918' });
    expect(parseRecipient('+55 11 98765-4321')).toEqual({ kind: 'phone', to: '+5511987654321' });
  });
});
