import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { ErrorCode, PublicError } from '../errors';
import { requireAdmin } from '../graphql/viewer-guards';
import { createTokenVerifier } from './token-verifier';

const SECRET = 'a-shared-secret-of-at-least-thirty-two-chars';
const base = { rolesClaim: 'roles', adminRole: 'admin', serviceRole: 'host-service' };

async function hs256(claims: Record<string, unknown>, options: { sub?: string; exp?: string | null; iss?: string; aud?: string; nbf?: Date } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(options.sub ?? randomUUID()).setIssuedAt();
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? '5m');
  if (options.nbf) jwt.setNotBefore(options.nbf);
  if (options.iss) jwt.setIssuer(options.iss);
  if (options.aud) jwt.setAudience(options.aud);
  return `Bearer ${await jwt.sign(new TextEncoder().encode(SECRET))}`;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return err instanceof PublicError ? err.code : 'not a PublicError';
  }
}

test('accepts a valid HS256 token and reads the roles claim', async () => {
  const verify = createTokenVerifier({ ...base, jwtSecret: SECRET });
  const sub = randomUUID();
  expect(await verify(await hs256({ roles: ['admin'] }, { sub }))).toEqual({ userId: sub, roles: ['admin'], isAdmin: true, isHostService: false });
  expect((await verify(await hs256({ roles: 'host-service other' }))).isHostService).toBe(true);
});

test('refuses missing, malformed, expired, unexpiring, foreign and mis-addressed tokens alike', async () => {
  const verify = createTokenVerifier({ ...base, jwtSecret: SECRET, issuer: 'host', audience: 'whatsapp-connect' });
  const ok = { iss: 'host', aud: 'whatsapp-connect' };
  expect(await codeOf(verify(await hs256({}, ok)))).toBeUndefined();
  for (const header of [
    undefined,
    'Basic abc',
    'Bearer nope',
    await hs256({}, { ...ok, exp: '-1m' }),
    await hs256({}, { ...ok, exp: null }),
    await hs256({}, { ...ok, iss: 'someone-else' }),
    await hs256({}, { ...ok, aud: 'another-api' }),
    await hs256({}, { ...ok, sub: 'not-a-uuid' }),
  ]) {
    expect(await codeOf(verify(header))).toBe(ErrorCode.Unauthenticated);
  }
});

test('verifies asymmetric tokens against a JWKS URL', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const verify = createTokenVerifier({ ...base, jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks` });
    const sub = randomUUID();
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject(sub).setExpirationTime('5m').sign(privateKey);
    expect((await verify(`Bearer ${token}`)).userId).toBe(sub);
    expect(await codeOf(verify(await hs256({})))).toBe(ErrorCode.Unauthenticated);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a viewer without the admin role gets FORBIDDEN from admin operations', () => {
  const ctx = { viewer: { userId: randomUUID(), roles: [], isAdmin: false, isHostService: false } } as never;
  expect(() => requireAdmin(ctx)).toThrow(expect.objectContaining({ code: ErrorCode.Forbidden }));
  expect(() => requireAdmin({ viewer: null } as never)).toThrow(expect.objectContaining({ code: ErrorCode.Unauthenticated }));
});

// The probe for the cache: a token is verified at `start`, then presented at `start - 1 s`, before its
// `nbf`, where verifying it afresh refuses it. Only an answer from memory accepts it there.
const BEFORE_NBF_MS = 1_000;

test('a verified token is served from memory, never past its exp, and never shared as one object', async () => {
  const start = Math.floor(Date.now() / 1000) * 1000;
  let clock = start;
  const verify = createTokenVerifier({ ...base, jwtSecret: SECRET, verifiedCache: { ttlMs: 60_000, now: () => clock } });
  const sub = randomUUID();
  const header = await hs256({ roles: ['admin'] }, { sub, exp: '30s', nbf: new Date(start) });
  const first = await verify(header);
  (first.roles as string[]).push('tampered');
  clock = start - BEFORE_NBF_MS;
  const second = await verify(header);
  expect(second).toEqual({ userId: sub, roles: ['admin'], isAdmin: true, isHostService: false });
  expect(second).not.toBe(first);
  // Past the token's own exp (before the 60 s cache time), the entry is not honoured: verified again, and refused.
  clock = start + 31_000;
  expect(await codeOf(verify(header))).toBe(ErrorCode.Unauthenticated);
});

test('a token that fails verification is never cached, and the cache can be turned off', async () => {
  const start = Math.floor(Date.now() / 1000) * 1000;
  let clock = start - BEFORE_NBF_MS;
  const verify = createTokenVerifier({ ...base, jwtSecret: SECRET, verifiedCache: { now: () => clock } });
  const header = await hs256({}, { nbf: new Date(start) });
  expect(await codeOf(verify(header))).toBe(ErrorCode.Unauthenticated);
  clock = start;
  expect(await codeOf(verify(header))).toBeUndefined();

  const off = createTokenVerifier({ ...base, jwtSecret: SECRET, verifiedCache: { maxEntries: 0, now: () => clock } });
  expect(await codeOf(off(header))).toBeUndefined();
  clock = start - BEFORE_NBF_MS;
  expect(await codeOf(off(header))).toBe(ErrorCode.Unauthenticated);
});
