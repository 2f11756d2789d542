import { graphErrors } from '../graph-errors';
import type { RouteContext } from './route-context';

const MAX_URI = 200;

/**
 * Shared checks of both override calls (docs/whatsapp-cloud-api.md §2.3, §2.4): the URI is at most 200
 * characters, the verify token is required, and the URI must pass the `hub.challenge` handshake, else Graph
 * error 2200 (§11.2; the simulator applies the practitioners' reading).
 */
export async function validateOverride(
  context: RouteContext,
  uri: unknown,
  verifyToken: unknown,
  param: (field: string) => string,
): Promise<string> {
  if (typeof uri !== 'string' || uri.length === 0) throw graphErrors.missingParameter(param('override_callback_uri'));
  if (uri.length > MAX_URI) {
    throw graphErrors.invalidParameter(`Param ${param('override_callback_uri')} must be at most ${MAX_URI} characters long.`);
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw graphErrors.invalidParameter(`Param ${param('override_callback_uri')} must be a valid URL.`);
  }
  // Meta requires https with a valid certificate (§3.1); the simulator also accepts http for loopback use.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw graphErrors.invalidParameter(`Param ${param('override_callback_uri')} must be an https URL.`);
  }
  if (typeof verifyToken !== 'string' || verifyToken.length === 0) throw graphErrors.missingParameter(param('verify_token'));
  const failure = await context.verifyCallback(uri, verifyToken);
  if (failure !== null) throw graphErrors.callbackVerificationFailed(failure);
  return uri;
}
