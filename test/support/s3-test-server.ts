import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onDispose } from './leftovers';

/**
 * A small S3-compatible server for tests (the project runs no Docker): path-style PutObject,
 * GetObject with a Range, DeleteObject, ListObjectsV2 and DeleteObjects on one bucket, in memory.
 * Every request must carry a valid AWS Signature Version 4 made with the given keys; anything else is
 * answered 403 as S3 does, so a test proves the plugin signs with the configured credentials.
 */
export interface S3TestServer {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Requests refused for a missing or wrong signature. */
  refused: number;
  /** The MEDIA_STORE_S3_* settings that point the plugin here. */
  env(): Record<string, string>;
}

const xml = (status: number, res: ServerResponse, body: string) =>
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
const s3Error = (res: ServerResponse, status: number, code: string) => xml(status, res, `<Error><Code>${code}</Code><Message>${code}</Message></Error>`);
const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** Recomputes the request's SigV4 signature (header form) and compares it with the one sent. */
function validSignature(req: IncomingMessage, accessKeyId: string, secretAccessKey: string): boolean {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!match || match[1] !== accessKeyId) return false;
  const [, , date, region, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  const url = new URL(req.url ?? '/', 'http://s3.test');
  const query = [...url.searchParams.entries()]
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headers = signedHeaders.split(';').map((name) => `${name}:${String(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, String(req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD')].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', String(req.headers['x-amz-date']), scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), 's3'), 'aws4_request');
  const expected = hmac(key, toSign);
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` of a body of `size` bytes; null when unsatisfiable. */
function rangeOf(header: string, size: number): [number, number] | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return [0, size - 1];
  const [, from, to] = match;
  if (from === '') return size === 0 ? null : [Math.max(0, size - Number(to)), size - 1];
  const start = Number(from);
  if (start >= size) return null;
  return [start, to === '' ? size - 1 : Math.min(Number(to), size - 1)];
}

export async function startS3TestServer(bucket = 'media-test'): Promise<S3TestServer> {
  const state: S3TestServer = {
    url: '',
    bucket,
    accessKeyId: 'AKIATESTMEDIASTORE01',
    secretAccessKey: 'test-secret-key-for-the-media-store-0001',
    objects: new Map(),
    refused: 0,
    env() {
      return {
        MEDIA_STORE_S3_BUCKET: bucket,
        MEDIA_STORE_S3_ENDPOINT: state.url,
        MEDIA_STORE_S3_REGION: 'us-east-1',
        MEDIA_STORE_S3_ACCESS_KEY_ID: state.accessKeyId,
        MEDIA_STORE_S3_SECRET_ACCESS_KEY: state.secretAccessKey,
        MEDIA_STORE_S3_FORCE_PATH_STYLE: 'true',
      };
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://s3.test');
    const [, bucketName, ...rest] = url.pathname.split('/');
    const key = rest.map((part) => decodeURIComponent(part)).join('/');
    const body = await bodyOf(req);
    if (!validSignature(req, state.accessKeyId, state.secretAccessKey)) {
      state.refused += 1;
      s3Error(res, 403, 'SignatureDoesNotMatch');
      return;
    }
    if (bucketName !== bucket) {
      s3Error(res, 404, 'NoSuchBucket');
      return;
    }
    if (req.method === 'PUT' && key) {
      state.objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream') });
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
    } else if ((req.method === 'GET' || req.method === 'HEAD') && key) {
      const object = state.objects.get(key);
      if (!object) {
        s3Error(res, 404, 'NoSuchKey');
        return;
      }
      const size = object.body.length;
      const headers = { 'content-type': object.contentType, etag: `"${createHash('md5').update(object.body).digest('hex')}"`, 'accept-ranges': 'bytes' };
      if (req.headers.range) {
        const range = rangeOf(req.headers.range, size);
        if (!range) {
          res.writeHead(416, { 'content-type': 'application/xml', 'content-range': `bytes */${size}` }).end('<Error><Code>InvalidRange</Code></Error>');
          return;
        }
        const part = object.body.subarray(range[0], range[1] + 1);
        res.writeHead(206, { ...headers, 'content-length': part.length, 'content-range': `bytes ${range[0]}-${range[1]}/${size}` }).end(req.method === 'HEAD' ? undefined : part);
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': size }).end(req.method === 'HEAD' ? undefined : object.body);
    } else if (req.method === 'DELETE' && key) {
      state.objects.delete(key);
      res.writeHead(204).end();
    } else if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const keys = [...state.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      const contents = keys.map((k) => `<Contents><Key>${escapeXml(k)}</Key><Size>${state.objects.get(k)!.body.length}</Size></Contents>`).join('');
      xml(200, res, `<ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`);
    } else if (req.method === 'POST' && url.searchParams.has('delete')) {
      const keys = [...body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      for (const k of keys) state.objects.delete(k);
      xml(200, res, `<DeleteResult>${keys.map((k) => `<Deleted><Key>${escapeXml(k)}</Key></Deleted>`).join('')}</DeleteResult>`);
    } else {
      s3Error(res, 501, 'NotImplemented');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => s3Error(res, 500, 'InternalError'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onDispose(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}
