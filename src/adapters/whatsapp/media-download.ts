import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { GraphApiUnavailableError, GraphRequestValidationError } from './graph-api-error';

/**
 * Downloading a file whose URL `GET /<MEDIA_ID>` returned. Meta serves media from its CDN hosts and
 * wants the owner's token on that request too, so the token is only sent to hosts that are Meta's (or to
 * the Graph origin in use, which is the simulator in tests): a tampered or unexpected URL can never
 * carry the token elsewhere.
 */

const META_MEDIA_HOSTS = ['.fbsbx.com', '.facebook.com', '.whatsapp.net', '.fbcdn.net'];

export function isTrustedMediaUrl(url: string, graphBaseUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.origin === new URL(graphBaseUrl).origin) return true;
  return parsed.protocol === 'https:' && META_MEDIA_HOSTS.some((suffix) => parsed.hostname.endsWith(suffix));
}

export interface MediaDownload {
  /** Meta's HTTP status: 200, 206 for a range, 416 for an unsatisfiable one; anything else is thrown. */
  status: number;
  headers: Record<string, string | undefined>;
  body: Readable;
}

/** Response headers worth passing on to whoever asked for the file. */
const PASSED_ON = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified'];

export async function downloadMedia(
  options: { graphBaseUrl: string; timeoutMs: number; dispatcher?: Dispatcher },
  accessToken: string,
  url: string,
  range?: string,
): Promise<MediaDownload> {
  if (!isTrustedMediaUrl(url, options.graphBaseUrl)) {
    throw new GraphRequestValidationError('url', 'The media URL is not on a Meta host.');
  }
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${accessToken}`, ...(range ? { range } : {}) },
      headersTimeout: options.timeoutMs,
      // Between two chunks, not for the whole file: a large video may take minutes on a slow client.
      bodyTimeout: options.timeoutMs,
      dispatcher: options.dispatcher,
    });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    // Never the undici message: it may hold the URL, which is a capability for a few minutes.
    throw new GraphApiUnavailableError('network', typeof code === 'string' ? code : 'the connection failed', {
      causeCode: typeof code === 'string' ? code : undefined,
    });
  }
  const { statusCode } = response;
  if (statusCode !== 200 && statusCode !== 206 && statusCode !== 416) {
    response.body.destroy();
    throw new GraphApiUnavailableError('http_status', `media download answered HTTP ${statusCode}`, { httpStatus: statusCode });
  }
  const headers: Record<string, string | undefined> = {};
  for (const name of PASSED_ON) {
    const value = response.headers[name];
    headers[name] = Array.isArray(value) ? value[0] : value;
  }
  return { status: statusCode, headers, body: response.body };
}
