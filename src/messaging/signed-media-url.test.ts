import { DEFAULT_MEDIA_URL_TTL_SECONDS, signMediaPath, verifyMediaUrl } from './signed-media-url';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const NOW = 1_780_000_000;
const MESSAGE = '0b6f7c1e-4a44-4c1e-9d6e-3f2d2b7a9c10';
const USER = 'user-1';

function paramsOf(path: string) {
  const url = new URL(path, 'http://plugin.invalid');
  return {
    messageId: decodeURIComponent(url.pathname.slice('/media/'.length)),
    userId: url.searchParams.get('u'),
    exp: url.searchParams.get('exp'),
    sig: url.searchParams.get('sig'),
  };
}

describe('signed media url', () => {
  const path = signMediaPath({ messageId: MESSAGE, userId: USER }, SECRET, NOW);

  test('a fresh link verifies and carries its claims', () => {
    expect(verifyMediaUrl(paramsOf(path), SECRET, NOW + 1)).toEqual({
      ok: true,
      claims: { messageId: MESSAGE, userId: USER, expiresAt: NOW + DEFAULT_MEDIA_URL_TTL_SECONDS },
    });
  });

  test('a link past its expiry is refused', () => {
    expect(verifyMediaUrl(paramsOf(path), SECRET, NOW + DEFAULT_MEDIA_URL_TTL_SECONDS)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  test.each([
    ['another message', { messageId: 'another' }],
    ['another user', { userId: 'user-2' }],
    ['a later expiry', { exp: String(NOW + 10 * DEFAULT_MEDIA_URL_TTL_SECONDS) }],
    ['a changed signature', { sig: 'A'.repeat(43) }],
  ])('a link re-aimed at %s is refused as tampered', (_name, change) => {
    expect(verifyMediaUrl({ ...paramsOf(path), ...change }, SECRET, NOW + 1)).toEqual({
      ok: false,
      reason: 'tampered',
    });
  });

  test('a link signed with another secret is refused', () => {
    expect(verifyMediaUrl(paramsOf(path), `${SECRET}-other`, NOW + 1)).toMatchObject({ ok: false, reason: 'tampered' });
  });

  test('missing or non-numeric parameters are malformed', () => {
    expect(verifyMediaUrl({ ...paramsOf(path), sig: null }, SECRET, NOW)).toMatchObject({ reason: 'malformed' });
    expect(verifyMediaUrl({ ...paramsOf(path), exp: 'soon' }, SECRET, NOW)).toMatchObject({ reason: 'malformed' });
  });
});
