import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CredentialStatus, readCredentialSecrets, WhatsAppCredential } from '../credentials';
import { ErrorCode } from '../platform/errors';
import type { Logger } from '../platform/observability/logger';
import { currentRequest } from '../platform/observability/request-context';
import type { KeyService } from '../adapters/keys';
import { GraphApiError, type WhatsAppClient } from '../adapters/whatsapp';
import { MEDIA_UPLOAD_PATH_PREFIX } from './media-upload.resolver';
import { verifyUploadToken } from './upload-token';

export interface MediaUploadRouteDependencies {
  orm: MikroORM;
  keys: KeyService;
  whatsapp: WhatsAppClient;
  logger: Logger;
  /** Deadline of the whole upload to Meta. */
  uploadTimeoutMs: number;
  media: { urlSecret: string };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}) =>
  answer(res, status, { error: { code, message, ...extra } });

/** The request's body, stopped the moment it has more bytes than were announced. */
async function* boundedBody(req: IncomingMessage, sizeBytes: number): AsyncIterable<Uint8Array> {
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > sizeBytes) throw new Error('the upload has more bytes than announced');
    yield chunk;
  }
  if (seen !== sizeBytes) throw new Error('the upload has fewer bytes than announced');
}

/**
 * `PUT /media-uploads/<token>`: the bytes of a file checked by `createWhatsAppMediaUpload`, passed on to
 * Meta's `POST /<PHONE_NUMBER_ID>/media` as they arrive (never held whole in memory), with the number's
 * token. Answers `201 { mediaId }`. The token in the path is the only authorisation.
 */
export function createMediaUploadRoute(deps: MediaUploadRouteDependencies) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'PUT') {
      res.setHeader('allow', 'PUT');
      refuse(res, 405, ErrorCode.BadRequest, 'PUT the file\'s bytes.');
      return;
    }
    const verdict = verifyUploadToken(url.pathname.slice(MEDIA_UPLOAD_PATH_PREFIX.length), deps.media.urlSecret, Math.floor(Date.now() / 1000));
    if (!verdict.ok) {
      refuse(res, 403, ErrorCode.Forbidden, verdict.reason === 'expired' ? 'This upload URL has expired; ask for a new one.' : 'This upload URL is not valid.');
      return;
    }
    const { claims } = verdict;
    const context = currentRequest();
    if (context) context.userId = claims.userId;
    const length = req.headers['content-length'];
    if (length === undefined || Number(length) !== claims.sizeBytes) {
      refuse(res, length === undefined ? 411 : 400, ErrorCode.BadRequest, `Send exactly ${claims.sizeBytes} bytes, with Content-Length.`);
      return;
    }
    const em = deps.orm.em.fork();
    const credential = await em.findOne(WhatsAppCredential, { id: claims.credentialId, userId: claims.userId });
    if (!credential) {
      refuse(res, 404, ErrorCode.NotFound, 'The phone number of this upload is no longer connected.');
      return;
    }
    if (credential.status !== CredentialStatus.ACTIVE) {
      refuse(res, 503, ErrorCode.CredentialUnavailable, 'The phone number\'s credential cannot be used right now.', { reason: credential.statusReason });
      return;
    }
    try {
      const secrets = await readCredentialSecrets(em, deps.keys, credential);
      const mediaId = await deps.whatsapp.uploadMedia(
        secrets,
        credential.phoneNumberId,
        { mimeType: claims.mimeType, fileName: claims.fileName, length: claims.sizeBytes, body: boundedBody(req, claims.sizeBytes) },
        deps.uploadTimeoutMs,
      );
      answer(res, 201, { mediaId, kind: claims.kind, mimeType: claims.mimeType, sizeBytes: claims.sizeBytes });
    } catch (error) {
      if (error instanceof GraphApiError && error.isCredentialFailure) {
        refuse(res, 503, ErrorCode.CredentialUnavailable, 'Meta refused the number\'s credential.');
      } else if (error instanceof GraphApiError && !error.retryable) {
        refuse(res, 422, ErrorCode.WhatsAppRejected, 'WhatsApp refused the file.', { reason: String(error.graphCode) });
      } else if (req.readableAborted || !req.complete) {
        deps.logger.debug({ err: error }, 'media upload cut short');
        if (!res.headersSent) refuse(res, 400, ErrorCode.BadRequest, 'The upload did not have the announced bytes.');
      } else {
        deps.logger.warn({ err: error, credentialId: credential.id }, 'media upload to Meta failed');
        refuse(res, 502, ErrorCode.DependencyUnavailable, 'The file could not be passed on to WhatsApp; retry later.');
      }
    }
  };
}
