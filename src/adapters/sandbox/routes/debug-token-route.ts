import { graphErrors } from '../graph-errors';
import { MANAGEMENT_SCOPE, MESSAGING_SCOPE, type SandboxToken } from '../sandbox-state';
import { ok, type RouteHandler } from './route-context';

const seconds = (ms: number) => Math.floor(ms / 1000);

function invalidity(token: SandboxToken, nowMs: number): { code: number; subcode: number; message: string } | undefined {
  if (token.revokedSubcode !== undefined) {
    return { code: 190, subcode: token.revokedSubcode, message: 'The session has been invalidated.' };
  }
  if (token.expiresAtMs !== 0 && token.expiresAtMs <= nowMs) {
    return { code: 190, subcode: 463, message: `Session has expired on ${new Date(token.expiresAtMs).toUTCString()}.` };
  }
  return undefined;
}

/**
 * `GET /debug_token?input_token=…` (docs/whatsapp-cloud-api.md §1.1). Callable with an app access token, or
 * with a token of the same app (the inspected token itself is the common case, §11.1). An inspected token
 * that is no longer valid shows `is_valid: false` with a nested `error`, which only an app token can observe:
 * a dead user token fails authentication first.
 */
export const debugTokenRoute: RouteHandler = (request, context) => {
  if (request.segments.length !== 1 || request.segments[0] !== 'debug_token') return undefined;
  if (request.method !== 'GET') throw graphErrors.unsupportedMethod(request.method, '/debug_token');
  const { principal } = request;
  const input = request.query.get('input_token');
  if (!input) throw graphErrors.missingParameter('input_token');
  const inspected = context.state.tokens.get(input);
  if (inspected && inspected.appId !== principal.app.id) throw graphErrors.debugTokenForbidden();
  if (!inspected) {
    if (principal.kind === 'user') throw graphErrors.debugTokenForbidden();
    return ok({
      data: { is_valid: false, scopes: [], error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' } },
    });
  }
  const error = invalidity(inspected, context.now());
  const whatsappScopes = inspected.scopes.filter((s) => s === MANAGEMENT_SCOPE || s === MESSAGING_SCOPE);
  return ok({
    data: {
      app_id: inspected.appId,
      type: inspected.type,
      application: principal.app.name,
      data_access_expires_at: 0,
      expires_at: seconds(inspected.expiresAtMs),
      is_valid: error === undefined,
      issued_at: seconds(inspected.issuedAtMs),
      scopes: inspected.scopes,
      granular_scopes: whatsappScopes.map((scope) => ({ scope, target_ids: inspected.targetWabaIds })),
      user_id: inspected.userId,
      ...(error ? { error } : {}),
    },
  });
};
