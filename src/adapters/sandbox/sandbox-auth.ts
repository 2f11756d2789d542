import { createHmac, timingSafeEqual } from 'node:crypto';
import { graphErrors } from './graph-errors';
import { MANAGEMENT_SCOPE, MESSAGING_SCOPE, type SandboxApp, type SandboxState, type SandboxToken } from './sandbox-state';

/** Who is calling: an app access token (`<APP_ID>|<APP_SECRET>`) or a user/system-user token (§7). */
export type Principal = { kind: 'app'; app: SandboxApp } | { kind: 'user'; app: SandboxApp; token: SandboxToken };

const APP_TOKEN = /^(\d+)\|(.+)$/;

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Graph's authentication, in the order Graph applies it: token present, parseable, known, not revoked,
 * not expired; then `appsecret_proof` when given or when the app requires it. Throws `SandboxGraphError`.
 */
export function authenticate(state: SandboxState, accessToken: string | undefined, query: URLSearchParams, nowMs: number): Principal {
  if (!accessToken) throw graphErrors.noToken();
  const appToken = APP_TOKEN.exec(accessToken);
  if (appToken) {
    const app = state.apps.get(appToken[1]!);
    if (!app || !safeEqual(app.secret, appToken[2]!)) throw graphErrors.invalidAppToken();
    return { kind: 'app', app };
  }
  const token = state.tokens.get(accessToken);
  if (!token) throw accessToken.startsWith('EAA') ? graphErrors.malformedToken(accessToken) : graphErrors.unparseableToken();
  if (token.revokedSubcode !== undefined) throw graphErrors.revokedToken(token.revokedSubcode);
  if (token.expiresAtMs !== 0 && token.expiresAtMs <= nowMs) throw graphErrors.expiredToken(token.expiresAtMs, nowMs);
  const app = state.apps.get(token.appId)!;
  const proof = query.get('appsecret_proof');
  if (proof !== null) {
    const expected = createHmac('sha256', app.secret).update(accessToken).digest('hex');
    if (!safeEqual(expected, proof)) throw graphErrors.invalidAppSecretProof();
  } else if (app.requireAppSecretProof) {
    throw graphErrors.appSecretProofRequired();
  }
  return { kind: 'user', app, token };
}

export type Scope = typeof MANAGEMENT_SCOPE | typeof MESSAGING_SCOPE;

/**
 * The token must carry `scope` and have been granted the WABA (docs/whatsapp-cloud-api.md §0, §6.7 code 200).
 */
export function authorizeWaba(principal: Principal, wabaId: string, scope: Scope): SandboxToken {
  if (principal.kind !== 'user') throw graphErrors.noAssetAccess();
  const { token } = principal;
  if (!token.scopes.includes(scope)) {
    throw scope === MESSAGING_SCOPE ? graphErrors.missingMessagingScope() : graphErrors.missingManagementScope();
  }
  if (!token.targetWabaIds.includes(wabaId)) throw graphErrors.noAssetAccess();
  return token;
}
