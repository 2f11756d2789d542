import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OUTBOUND_MEDIA_LIMITS, outboundMediaProblem, type WhatsAppMediaKind } from '../../whatsapp';
import { graphErrors } from '../graph-errors';
import { authenticate, authorizeWaba } from '../sandbox-auth';
import { newGraphId } from '../sandbox-ids';
import { MESSAGING_SCOPE, type SandboxMedia, type SandboxState } from '../sandbox-state';
import { ok, type RouteHandler } from './route-context';

/** Where the simulator serves media bytes, as Meta's CDN does under its own path. */
export const MEDIA_DOWNLOAD_PATH = '/whatsapp_business/attachments/';

export function storeMedia(state: SandboxState, phoneNumberId: string, bytes: Buffer, mimeType: string, fileName?: string): SandboxMedia {
  const phone = state.phoneOrThrow(phoneNumberId);
  const media: SandboxMedia = {
    id: newGraphId(),
    phoneNumberId: phone.id,
    wabaId: phone.wabaId,
    bytes,
    mimeType,
    fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  state.media.set(media.id, media);
  return media;
}

function kindOf(mimeType: string): WhatsAppMediaKind | null {
  const bare = mimeType.split(';')[0]!.trim().toLowerCase();
  for (const kind of ['image', 'audio', 'video', 'document', 'sticker'] as const) {
    if (OUTBOUND_MEDIA_LIMITS[kind].mimeTypes.includes(bare)) return kind;
  }
  return null;
}

/**
 * The media endpoints (Cloud API media docs): `GET /<MEDIA_ID>` answers the download URL, type, size and
 * sha256; `DELETE /<MEDIA_ID>` forgets the file; `POST /<PHONE_NUMBER_ID>/media` takes a multipart upload
 * (`messaging_product`, `type`, `file`) and answers its id. Uploads past Meta's limits answer 131053.
 */
export const mediaRoute: RouteHandler = (request, context) => {
  const [id, edge, ...rest] = request.segments;
  const { state } = context;
  if (edge === undefined && state.media.has(id!)) {
    const media = state.media.get(id!)!;
    authorizeWaba(request.principal, media.wabaId, MESSAGING_SCOPE);
    if (request.method === 'DELETE') {
      state.media.delete(media.id);
      return ok({ success: true });
    }
    if (request.method !== 'GET') throw graphErrors.unsupportedMethod(request.method, `/${media.id}`);
    return ok({
      messaging_product: 'whatsapp',
      url: `${context.baseUrl()}${MEDIA_DOWNLOAD_PATH}?mid=${media.id}&ext=${Math.floor(context.now() / 1000)}`,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.bytes.length,
      id: media.id,
    });
  }
  if (edge !== 'media' || rest.length > 0) return undefined;
  const phone = state.phones.get(id!);
  if (!phone) return undefined;
  if (request.method !== 'POST') throw graphErrors.unsupportedMethod(request.method, `/${phone.id}/media`);
  authorizeWaba(request.principal, phone.wabaId, MESSAGING_SCOPE);
  const body = request.body ?? {};
  if (body.messaging_product !== 'whatsapp') throw graphErrors.missingParameter('messaging_product');
  const file = body.file as { bytes: Buffer; type: string; name: string } | undefined;
  if (!file || !Buffer.isBuffer(file.bytes)) throw graphErrors.missingParameter('file');
  const type = typeof body.type === 'string' ? body.type : file.type;
  const kind = kindOf(type);
  const problem = kind ? outboundMediaProblem(kind, type, file.bytes.length) : { problem: 'unsupported_type' as const };
  if (problem) {
    throw graphErrors.mediaUploadError(problem.problem === 'too_large' ? 'File is too large for its media type.' : `Unsupported file type: ${type}.`);
  }
  return ok({ id: storeMedia(state, phone.id, file.bytes, type, file.name).id });
};

/**
 * Serves a file's bytes at the URL `GET /<MEDIA_ID>` gave, to a token that may read its business
 * account (as Meta's CDN does), with single byte ranges.
 */
export function serveMediaDownload(state: SandboxState, req: IncomingMessage, res: ServerResponse, url: URL, nowMs: number): void {
  const media = state.media.get(url.searchParams.get('mid') ?? '');
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  try {
    const principal = authenticate(state, bearer, new URLSearchParams(), nowMs);
    if (!media) throw graphErrors.objectNotFound('GET', url.searchParams.get('mid') ?? '');
    authorizeWaba(principal, media.wabaId, MESSAGING_SCOPE);
  } catch {
    res.writeHead(media ? 401 : 404, { 'content-type': 'text/plain' }).end(media ? 'Unauthorized' : 'Not Found');
    return;
  }
  const size = media.bytes.length;
  const headers = { 'content-type': media.mimeType, 'accept-ranges': 'bytes' };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (!range || (range[1] === '' && range[2] === '')) {
    res.writeHead(200, { ...headers, 'content-length': String(size) }).end(req.method === 'HEAD' ? undefined : media.bytes);
    return;
  }
  let start = range[1] === '' ? size - Number(range[2]) : Number(range[1]);
  let end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  start = Math.max(start, 0);
  if (start > end || start >= size) {
    res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    return;
  }
  end = Math.max(end, start);
  res
    .writeHead(206, { ...headers, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` })
    .end(media.bytes.subarray(start, end + 1));
}
