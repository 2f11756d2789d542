import { isTrustedMediaUrl } from './media-download';

describe('the hosts the owner\'s token may be sent to for a media download', () => {
  const graph = 'https://graph.facebook.com';

  test.each([
    'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&ext=2&hash=x',
    'https://scontent.whatsapp.net/v/t61/file',
    'https://graph.facebook.com/v24.0/123',
  ])('Meta\'s %s', (url) => expect(isTrustedMediaUrl(url, graph)).toBe(true));

  test.each([
    ['plain http on a Meta name', 'http://lookaside.fbsbx.com/x'],
    ['a look-alike host', 'https://lookaside.fbsbx.com.evil.example/x'],
    ['a suffix without its dot', 'https://evilfbsbx.com/x'],
    ['credentials in the URL', 'https://user:pw@lookaside.fbsbx.com/x'],
    ['anything else', 'https://files.example.com/x'],
    ['not a URL', 'lookaside.fbsbx.com/x'],
  ])('not %s', (_name, url) => expect(isTrustedMediaUrl(url, graph)).toBe(false));

  test('the configured Graph origin (the simulator in tests), even over http', () => {
    expect(isTrustedMediaUrl('http://127.0.0.1:5000/whatsapp_business/attachments/?mid=1', 'http://127.0.0.1:5000')).toBe(true);
    expect(isTrustedMediaUrl('http://127.0.0.1:5001/x', 'http://127.0.0.1:5000')).toBe(false);
  });
});
