import { SignJWT } from 'jose';

/**
 * The signing secret used when development mode starts without AUTH_JWT_SECRET. It is public by design
 * (it is in the source), which is why production refuses to start without a real secret.
 */
export const DEVELOPMENT_JWT_SECRET = 'whatsapp-connect-development-secret-never-use-in-production';

/** A token a newcomer can paste into curl or the landing page; printed at development start-up. */
export async function signDevelopmentToken(
  secret: string,
  claims: {
    sub: string;
    roles?: string[];
    email?: string;
    issuer?: string;
    audience?: string;
    rolesClaim?: string;
    /** The caller's agent ids, under `agentsClaim` (default `agents`), for AGENT_OWNERSHIP=claim. */
    agents?: string[];
    agentsClaim?: string;
  },
  expiresIn = '12h',
): Promise<string> {
  const jwt = new SignJWT({
    [claims.rolesClaim ?? 'roles']: claims.roles ?? [],
    ...(claims.email ? { email: claims.email } : {}),
    ...(claims.agents ? { [claims.agentsClaim ?? 'agents']: claims.agents } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
