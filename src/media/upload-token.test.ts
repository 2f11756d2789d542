import { mediaUrlSignature } from '../messaging/signed-media-url';
import { signUploadToken, verifyUploadToken, type UploadClaims } from './upload-token';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const NOW = 1_780_000_000;
const CLAIMS: UploadClaims = {
  userId: 'user-1',
  credentialId: 'credential-1',
  kind: 'image',
  mimeType: 'image/png',
  sizeBytes: 1000,
  fileName: 'photo.png',
  expiresAt: NOW + 900,
};

describe('upload tokens', () => {
  const token = signUploadToken(CLAIMS, SECRET);

  test('a fresh token verifies and carries its claims', () => {
    expect(verifyUploadToken(token, SECRET, NOW)).toEqual({ ok: true, claims: CLAIMS });
  });

  test('an expired token is refused', () => {
    expect(verifyUploadToken(token, SECRET, NOW + 900)).toEqual({ ok: false, reason: 'expired' });
  });

  test('a token with other claims, another key or a missing part is refused as tampered', () => {
    const [, sig] = token.split('.');
    const larger = Buffer.from(JSON.stringify({ ...CLAIMS, sizeBytes: 10 ** 8 })).toString('base64url');
    expect(verifyUploadToken(`${larger}.${sig}`, SECRET, NOW)).toMatchObject({ reason: 'tampered' });
    expect(verifyUploadToken(token, `${SECRET}-other`, NOW)).toMatchObject({ reason: 'tampered' });
    expect(verifyUploadToken(token.split('.')[0]!, SECRET, NOW)).toMatchObject({ reason: 'tampered' });
    expect(verifyUploadToken(`${token}.extra`, SECRET, NOW)).toMatchObject({ reason: 'tampered' });
  });

  test('a media link signature never passes as an upload token signature', () => {
    const [payload] = token.split('.');
    const linkSig = mediaUrlSignature({ messageId: payload!, userId: '', expiresAt: 0 }, SECRET);
    expect(verifyUploadToken(`${payload}.${linkSig}`, SECRET, NOW)).toMatchObject({ reason: 'tampered' });
  });
});
