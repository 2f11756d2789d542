import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { readCredentialSecrets, WhatsAppCredential } from '../credentials';
import { ErrorCode } from '../platform/errors';
import { isUuid } from '../platform/graphql/ids';
import type { KeyService } from '../adapters/keys';
import type { ObjectStore, StoredObject } from '../adapters/object-storage';
import { Message } from '../messaging';
import type { Logger } from '../platform/observability/logger';
import { currentRequest } from '../platform/observability/request-context';
import { downloadMedia, GraphApiError, type WhatsAppClient } from '../adapters/whatsapp';
import { inboundMediaOf, verifyMediaUrl, type InboundMediaRef } from '../messaging';
import { mediaObjectKey } from './media-copy';

const MEDIA_PATH_PREFIX = '/media/';

export interface MediaRouteDependencies {
  orm: MikroORM;
  keys: KeyService;
  whatsapp: WhatsAppClient;
  logger: Logger;
  graphBaseUrl: string;
  timeoutMs: number;
  media: { urlSecret: string; maxBytes: number };
  /** The operator's bucket (MEDIA_STORE_S3_*): a file copied there is served from it, not from Meta. */
  store?: ObjectStore;
}

const RANGE_HEADER = /^bytes=[\d,\s-]+$/;

/** The file as either source answers it: Meta's CDN download, or the copy in the bucket. */
interface FileAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: Readable;
  /** The type of record; the source's content-type is sometimes generic. */
  mimeType: string | null;
}

function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ error: { code, message } }));
}

/** `attachment` with the customer's file name for documents (RFC 6266: an ASCII fallback and the UTF-8 name). */
function dispositionOf(fileName: string | null): string {
  if (!fileName) return 'inline';
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Stops a body that grows past the limit (a file whose size Meta under-reported). */
function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new Error('media larger than MEDIA_MAX_BYTES'));
      else callback(null, chunk);
    },
  });
}

/**
 * `GET /media/<message id>?u=…&exp=…&sig=…`: the file of one stored message, streamed from Meta with the
 * owner's token (which never leaves the plugin). The signature is the only authorisation: it binds the
 * link to the message, its owner and an expiry (see signed-media-url.ts and docs/media.md). Range
 * requests are passed through to Meta, so a player can seek in a video.
 */
export function createMediaRoute(deps: MediaRouteDependencies) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      refuse(res, 405, ErrorCode.BadRequest, 'Only GET and HEAD.');
      return;
    }
    let messageId: string;
    try {
      messageId = decodeURIComponent(url.pathname.slice(MEDIA_PATH_PREFIX.length));
    } catch {
      refuse(res, 404, ErrorCode.NotFound, 'No such media.');
      return;
    }
    const verdict = verifyMediaUrl(
      { messageId, userId: url.searchParams.get('u'), exp: url.searchParams.get('exp'), sig: url.searchParams.get('sig') },
      deps.media.urlSecret,
      Math.floor(Date.now() / 1000),
    );
    if (!verdict.ok) {
      refuse(res, 403, ErrorCode.Forbidden, verdict.reason === 'expired' ? 'This media link has expired; ask for a fresh one.' : 'This media link is not valid.');
      return;
    }
    const { userId } = verdict.claims;
    const context = currentRequest();
    if (context) context.userId = userId;
    const em = deps.orm.em.fork();
    const message = isUuid(messageId) ? await em.findOne(Message, { id: messageId.toLowerCase(), userId }) : null;
    const ref = message ? inboundMediaOf(message) : null;
    const credential = message && ref ? await em.findOne(WhatsAppCredential, { id: message.credentialId, userId }) : null;
    if (!message || !ref || !credential) {
      refuse(res, 404, ErrorCode.NotFound, 'No such media.');
      return;
    }

    const range = req.headers.range && RANGE_HEADER.test(req.headers.range) ? req.headers.range : undefined;
    let download: FileAnswer | null = null;
    if (message.mediaCopiedAt && deps.store) {
      try {
        const copy = await deps.store.get(mediaObjectKey(message), range);
        if (copy) download = fromCopy(copy, ref.mimeType);
      } catch (error) {
        // The bucket is away: Meta may still have the file.
        deps.logger.warn({ err: error, messageId: message.id }, 'media copy unreadable; serving from Meta');
      }
    }
    download ??= await fromMeta(deps, res, em, credential, ref, message.id, range);
    if (!download) return;

    const headers: Record<string, string> = {
      'content-type': download.mimeType || download.headers['content-type'] || 'application/octet-stream',
      'content-disposition': dispositionOf(ref.fileName),
      'cache-control': 'private, no-store',
      // The bytes are a customer's: never let a browser run them as a page of this origin.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'accept-ranges': download.headers['accept-ranges'] ?? 'bytes',
    };
    for (const name of ['content-length', 'content-range', 'etag', 'last-modified'] as const) {
      const value = download.headers[name];
      if (value) headers[name] = value;
    }
    res.writeHead(download.status, headers);
    if (req.method === 'HEAD' || download.status === 416) {
      download.body.destroy();
      res.end();
      return;
    }
    try {
      await pipeline(download.body, byteLimit(deps.media.maxBytes), res);
    } catch (error) {
      // The client went away, or Meta's stream broke: the response is cut, which the client sees as such.
      deps.logger.debug({ err: error, messageId: message.id }, 'media stream ended early');
      res.destroy();
    }
  };
}

/** The file from Meta with the owner's token; null when a refusal has been answered. */
async function fromMeta(
  deps: MediaRouteDependencies,
  res: ServerResponse,
  em: EntityManager,
  credential: WhatsAppCredential,
  ref: InboundMediaRef,
  messageId: string,
  range: string | undefined,
): Promise<FileAnswer | null> {
  try {
    const secrets = await readCredentialSecrets(em, deps.keys, credential);
    const info = await deps.whatsapp.getMedia(secrets, ref.mediaId);
    if (info.file_size > deps.media.maxBytes) {
      refuse(res, 413, ErrorCode.MediaTooLarge, `The file is larger than this plugin serves (${deps.media.maxBytes} bytes).`);
      return null;
    }
    const download = await downloadMedia({ graphBaseUrl: deps.graphBaseUrl, timeoutMs: deps.timeoutMs }, secrets.accessToken, info.url, range);
    // Meta's type of record; the CDN's content-type is sometimes generic.
    return { ...download, mimeType: info.mime_type };
  } catch (error) {
    if (error instanceof GraphApiError && error.isCredentialFailure) {
      refuse(res, 503, ErrorCode.CredentialUnavailable, 'Meta refused the number\'s credential.');
    } else if (error instanceof GraphApiError && error.graphCode === 100) {
      // Meta keeps a customer's media for 30 days; after that its id no longer resolves.
      refuse(res, 404, ErrorCode.NotFound, 'Meta no longer has this file.');
    } else {
      deps.logger.warn({ err: error, messageId }, 'media download failed');
      refuse(res, 502, ErrorCode.DependencyUnavailable, 'The file could not be fetched from Meta; retry later.');
    }
    return null;
  }
}

/** A copy read from the bucket, shaped like Meta's download so both are answered the same way. */
function fromCopy(copy: StoredObject, mimeType: string | null): FileAnswer {
  const headers: Record<string, string | undefined> = {
    'content-type': copy.contentType ?? undefined,
    'content-length': copy.contentLength === null ? undefined : String(copy.contentLength),
    'content-range': copy.contentRange ?? undefined,
    'accept-ranges': 'bytes',
    etag: copy.etag ?? undefined,
    'last-modified': copy.lastModified?.toUTCString(),
  };
  return { status: copy.status, headers, body: copy.body, mimeType };
}
