import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTimeoutError, BodyTooLargeError, readBody } from '../platform/http/read-body';
import type { Logger } from '../platform/observability/logger';
import type { Metrics } from '../platform/observability/metrics';
import { SIGNATURE_HEADER } from '../adapters/whatsapp';
import type { HandshakeResult, ReceiveResult, WebhookReceiver } from './webhook-receiver';

export interface WebhookRouteOptions {
  receiver: WebhookReceiver;
  maxBodyBytes: number;
  /** Longest pause allowed while the body arrives. */
  bodyIdleTimeoutMs: number;
  metrics: Metrics;
  logger: Logger;
}

// An unknown endpoint is answered exactly as a known one refusing the caller (403 to a handshake, 401
// to a delivery, both with empty bodies): the answers must not tell which phone numbers are connected.
const HANDSHAKE_STATUS: Record<Exclude<HandshakeResult['kind'], 'verified'>, number> = {
  unknown_endpoint: 403,
  forbidden: 403,
  unavailable: 503,
};

// Meta retries anything but 200 for days (docs/whatsapp-cloud-api.md §4), so only "stored" is a 200. Refusals
// carry no detail: a caller without the app secret learns nothing beyond the status.
const RECEIVE_STATUS: Record<Exclude<ReceiveResult['kind'], 'rate_limited' | 'unverified_quota'>, number> = {
  stored: 200,
  unknown_endpoint: 401,
  unauthenticated: 401,
  invalid_payload: 400,
};

/** The HTTP side of `<WEBHOOK_PATH_PREFIX>/<endpoint key>`: translate the request, render the result. */
export function createWebhookRoute(options: WebhookRouteOptions) {
  const { receiver, maxBodyBytes, bodyIdleTimeoutMs, metrics, logger } = options;
  // "accepted" is a 200 (stored); everything else is a rejection, with its reason.
  const count = (reason: string) =>
    metrics.webhookDeliveries.inc(reason === 'stored' || reason === 'stored_unverified' ? { outcome: 'accepted', reason } : { outcome: 'rejected', reason });

  return async (req: IncomingMessage, res: ServerResponse, endpointKey: string, url: URL): Promise<void> => {
    if (req.method === 'GET') {
      const result = await receiver.handshake(endpointKey, {
        mode: url.searchParams.get('hub.mode'),
        verifyToken: url.searchParams.get('hub.verify_token'),
        challenge: url.searchParams.get('hub.challenge'),
      });
      if (result.kind === 'verified') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(result.challenge);
      } else {
        res.writeHead(HANDSHAKE_STATUS[result.kind]).end();
      }
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    if (!isJson(req.headers['content-type'])) {
      count('unsupported_media_type');
      req.resume();
      res.writeHead(415).end();
      return;
    }
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, maxBodyBytes, bodyIdleTimeoutMs);
    } catch (error) {
      if (error instanceof BodyTimeoutError) {
        count('body_timeout');
        res.writeHead(408, { connection: 'close' }).end();
        return;
      }
      if (!(error instanceof BodyTooLargeError)) throw error;
      count('too_large');
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    const signature = req.headers[SIGNATURE_HEADER];
    let result: ReceiveResult;
    try {
      result = await receiver.receive(endpointKey, rawBody, typeof signature === 'string' ? signature : undefined);
    } catch (error) {
      // Nothing was stored (the database is unreachable, most often): "try again later", which Meta does.
      logger.error({ err: error }, 'webhook delivery could not be stored; refused for Meta to deliver again');
      count('unavailable');
      res.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    count(result.kind === 'stored' && !result.verified ? 'stored_unverified' : result.kind);
    if (result.kind === 'rate_limited') {
      res.writeHead(429, { 'retry-after': String(result.retryAfterSeconds) }).end();
      return;
    }
    if (result.kind === 'unverified_quota') {
      // 503, not 429: Meta treats it as "come back later" and retries once the key service is back.
      res.writeHead(503, { 'retry-after': String(result.retryAfterSeconds) }).end();
      return;
    }
    res.writeHead(RECEIVE_STATUS[result.kind]).end();
  };
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}
