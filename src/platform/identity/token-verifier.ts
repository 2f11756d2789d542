import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, customFetch } from 'jose';
import { LRUCache } from 'lru-cache';
import { fetch as undiciFetch } from 'undici';
import { PublicError } from '../errors';
import type { Viewer } from './viewer';

export interface TokenVerifierOptions {
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  rolesClaim: string;
  adminRole: string;
  serviceRole: string;
  /** The claim listing the caller's agent ids (AGENT_OWNERSHIP=claim); unset: not read. */
  agentsClaim?: string;
  /**
   * Tokens already verified, kept briefly so a client's stream of requests with the same bearer token
   * pays for the signature once: entries live at most `ttlMs` (and never past the token's `exp`), so a
   * key withdrawn from the JWKS stops being honoured within that time. `maxEntries: 0` turns it off.
   */
  verifiedCache?: { maxEntries?: number; ttlMs?: number; now?: () => number };
}

export type TokenVerifier = (authorization: string | undefined | null) => Promise<Viewer>;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rolesOf(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * Verifies the host's `Authorization: Bearer <JWT>` (HS256 shared secret, or any JWKS-published key) and
 * returns the viewer. Every failure is the same UNAUTHENTICATED error: the reason goes to the caller's
 * logs, never to the client, so the response cannot be used as a token oracle.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (options.jwksUrl) {
    // jose would use the global fetch; every outbound call of ours goes through undici.
    key = createRemoteJWKSet(new URL(options.jwksUrl), {
      [customFetch]: (url: string, init: RequestInit) => undiciFetch(url, init as never) as unknown as Promise<Response>,
    });
    algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
  } else if (options.jwtSecret) {
    key = new TextEncoder().encode(options.jwtSecret);
    algorithms = ['HS256'];
  } else {
    throw new Error('createTokenVerifier needs jwtSecret or jwksUrl');
  }

  const now = options.verifiedCache?.now ?? Date.now;
  const maxEntries = options.verifiedCache?.maxEntries ?? 10_000;
  const ttlMs = options.verifiedCache?.ttlMs ?? 60_000;
  const verified = maxEntries > 0 && ttlMs > 0 ? new LRUCache<string, { viewer: Viewer; until: number }>({ max: maxEntries }) : null;

  return async (authorization) => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/.exec(authorization?.trim() ?? '');
    if (!match) throw PublicError.unauthenticated();
    const token = match[1]!;
    const known = verified?.get(token);
    if (known) {
      if (now() < known.until) return copyOf(known.viewer);
      verified!.delete(token);
    }
    const { viewer, expiresAt } = await verify(token);
    verified?.set(token, { viewer, until: Math.min(now() + ttlMs, expiresAt) });
    return copyOf(viewer);
  };

  function copyOf(viewer: Viewer): Viewer {
    return { ...viewer, roles: [...viewer.roles], ...(viewer.agentIds ? { agentIds: [...viewer.agentIds] } : {}) };
  }

  async function verify(token: string): Promise<{ viewer: Viewer; expiresAt: number }> {
    let payload: JWTPayload;
    try {
      // One call for both key kinds: the overloads differ only in the key's type.
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        currentDate: new Date(now()),
      }));
    } catch {
      throw PublicError.unauthenticated('The bearer token is invalid or expired.');
    }
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) {
      throw PublicError.unauthenticated('The bearer token has no valid subject.');
    }
    if (payload.exp === undefined) throw PublicError.unauthenticated('The bearer token must expire.');
    const roles = rolesOf(payload, options.rolesClaim);
    const email = typeof payload.email === 'string' && EMAIL.test(payload.email) ? payload.email : undefined;
    const agents = options.agentsClaim ? payload[options.agentsClaim] : undefined;
    const agentIds = Array.isArray(agents)
      ? agents.filter((id): id is string => typeof id === 'string' && UUID.test(id)).map((id) => id.toLowerCase())
      : undefined;
    const viewer: Viewer = {
      userId: payload.sub.toLowerCase(),
      roles,
      isAdmin: roles.includes(options.adminRole),
      isHostService: roles.includes(options.serviceRole),
      ...(email ? { email } : {}),
      ...(agentIds ? { agentIds } : {}),
    };
    return { viewer, expiresAt: payload.exp * 1000 };
  }
}
