import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../../platform/observability/logger';
import { graphErrors, SandboxGraphError } from './graph-errors';
import type { RequestLog, SandboxRequestRecord } from './request-log';
import { authenticate } from './sandbox-auth';
import type { SandboxFaults } from './sandbox-faults';
import type { SandboxState } from './sandbox-state';
import { MEDIA_DOWNLOAD_PATH, serveMediaDownload } from './routes/media-route';
import type { RouteContext, RouteHandler, RouteRequest, RouteResponse } from './routes/route-context';

/** What the HTTP layer needs from the simulator; `Sandbox` provides it. */
export interface SandboxEngine {
  state: SandboxState;
  faults: SandboxFaults;
  log: RequestLog;
  routes: RouteHandler[];
  context: RouteContext;
  logger?: Logger;
  /**
   * The developer's own controls under `/_sandbox/…` (simulate a customer writing in, say), so the local
   * walkthrough needs nothing but curl. Graph paths never start with an underscore.
   */
  control?: (path: string, body: unknown) => Promise<{ status: number; body: unknown }>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
// Uploads go up to Meta's largest media (a 100 MB document) plus the multipart framing.
const MAX_UPLOAD_BYTES = 101 * 1024 * 1024;
const VERSIONED_PATH = /^\/(v\d+\.\d+)\/(.+)$/;
const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

function readBody(request: IncomingMessage): Promise<Buffer> {
  const limit = request.headers['content-type']?.startsWith('multipart/form-data') ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A multipart upload (`POST /<PHONE_NUMBER_ID>/media`): text fields as strings, files as their bytes. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw graphErrors.invalidParameter('The multipart body could not be read.');
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of form) {
    out[key] = typeof value === 'string' ? value : { bytes: Buffer.from(await value.arrayBuffer()), type: value.type, name: value.name };
  }
  return out;
}

/** Graph takes JSON, form or multipart bodies; form fields that hold objects arrive JSON-encoded. */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (raw.length === 0) return undefined;
  if (contentType?.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  const text = raw.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      try {
        out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
      } catch {
        out[key] = value;
      }
    }
    return out;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through to the Graph error below
  }
  throw graphErrors.invalidParameter('The request body is not a JSON object.');
}

function bearerOf(header: string | undefined): string | undefined {
  const match = header ? /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function send(response: ServerResponse, record: SandboxRequestRecord, status: number, body: unknown): void {
  record.status = status;
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, typeof body === 'string' ? { 'content-type': 'text/html' } : JSON_HEADERS).end(payload);
}

async function route(engine: SandboxEngine, request: RouteRequest): Promise<RouteResponse> {
  for (const handler of engine.routes) {
    const result = await handler(request, engine.context);
    if (result) return result;
  }
  const [id, ...rest] = request.segments;
  const known = engine.state.phones.has(id!) || engine.state.wabas.has(id!);
  if (known && rest.length > 0) throw graphErrors.unknownPath(`/${rest.join('/')}`);
  throw graphErrors.objectNotFound(request.method, id ?? '');
}

async function handle(engine: SandboxEngine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { faults, log } = engine;
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);
  const authorizationHeader = req.headers.authorization;
  if (url.pathname.startsWith('/_sandbox/') && engine.control) {
    let body: unknown = null;
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null;
    } catch {
      res.writeHead(400, JSON_HEADERS).end(JSON.stringify({ error: 'The body is not JSON.' }));
      return;
    }
    const answer = await engine.control(url.pathname.slice('/_sandbox/'.length), body);
    res.writeHead(answer.status, JSON_HEADERS).end(JSON.stringify(answer.body));
    return;
  }
  if (url.pathname === MEDIA_DOWNLOAD_PATH && (method === 'GET' || method === 'HEAD')) {
    serveMediaDownload(engine.state, req, res, url, engine.context.now());
    return;
  }
  const record = log.add({
    method,
    path: url.pathname,
    url: req.url ?? '/',
    authorization: bearerOf(authorizationHeader) ? 'bearer' : authorizationHeader ? 'other' : 'none',
    tokenInQuery: url.searchParams.has('access_token'),
  });
  await faults.delay();
  await faults.hold(method, url.pathname);
  if (faults.down) {
    req.socket.destroy();
    return;
  }
  const failure = faults.takeFailure(method, url.pathname);
  if (failure && failure.code === undefined) {
    send(res, record, failure.httpStatus, failure.rawBody ?? '<html><body>Bad Gateway</body></html>');
    return;
  }
  try {
    if (failure) throw new SandboxGraphError(failure);
    const body = await parseBody(raw, req.headers['content-type']);
    // A file's bytes are not worth keeping in the request log.
    record.body = log.redacted(body && 'file' in body ? { ...body, file: '[file]' } : body);
    const versioned = VERSIONED_PATH.exec(url.pathname);
    if (!versioned) throw graphErrors.unknownPath(url.pathname);
    // Graph authenticates before it resolves the path: a dead token fails even on an unknown node.
    const accessToken = bearerOf(authorizationHeader) ?? url.searchParams.get('access_token') ?? undefined;
    const principal = authenticate(engine.state, accessToken, url.searchParams, engine.context.now());
    const segments = versioned[2]!.split('/').filter(Boolean).map(decodeURIComponent);
    const result = await route(engine, { method, segments, query: url.searchParams, body, principal, version: versioned[1]! });
    send(res, record, result.status, result.body);
  } catch (error) {
    if (error instanceof SandboxGraphError) {
      record.graphCode = error.spec.code;
      send(res, record, error.httpStatus, error.body());
      return;
    }
    engine.logger?.error({ err: error, path: url.pathname }, 'sandbox: unexpected error');
    record.graphCode = 1;
    send(res, record, 500, new SandboxGraphError({ code: 1, message: 'An unknown error occurred', isTransient: true }).body());
  }
}

/**
 * The simulator's HTTP front: a plain node server speaking Graph's paths under `/<version>/…`. Keep-alive
 * sockets are tracked so `setDown(true)` can cut them, as a crashed Graph edge would.
 */
export function createSandboxHttpServer(engine: SandboxEngine): Server {
  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    if (engine.faults.down) {
      req.socket.destroy();
      return;
    }
    handle(engine, req, res).catch((error: unknown) => {
      engine.logger?.error({ err: error }, 'sandbox: request failed');
      if (!res.headersSent) res.writeHead(500, JSON_HEADERS).end('{}');
    });
  });
  server.on('connection', (socket: Socket) => {
    if (engine.faults.down) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  engine.faults.onDown(() => {
    for (const socket of sockets) socket.destroy();
  });
  return server;
}
