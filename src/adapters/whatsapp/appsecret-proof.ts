import { createHmac } from 'node:crypto';

/**
 * Graph's `appsecret_proof`: hex HMAC-SHA256 of the access token keyed with the app secret. It proves the
 * caller knows the app secret without sending it, so a call that carries it and succeeds shows the tenant's
 * app secret is right (docs/whatsapp-cloud-api.md §9.4). It is derived data, not a secret: it may travel in
 * the query string.
 */
export function computeAppSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}
