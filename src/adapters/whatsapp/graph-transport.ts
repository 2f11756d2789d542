import { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { computeAppSecretProof } from './appsecret-proof';
import {
  GraphApiError,
  GraphApiMalformedResponseError,
  GraphApiUnavailableError,
  GraphErrorEnvelopeSchema,
  GraphRequestValidationError,
} from './graph-api-error';
import type { GraphAuth } from './graph-api-types';

export interface GraphTransportOptions {
  /** e.g. `https://graph.facebook.com`; a path prefix is kept. */
  baseUrl: string;
  /** e.g. `v24.0`. */
  apiVersion: string;
  /** Deadline for the whole call: connect, headers and body. */
  timeoutMs: number;
  /** Keep-alive connections in the pool. */
  connections: number;
  /** Replaces the pool (and is not closed by `close()`); for tests that need one. */
  dispatcher?: Dispatcher;
  /** Told about every call once it ends (metrics); `errorCode` is set when it failed. */
  observe?: (call: ObservedGraphCall) => void;
  /** Extra headers for each call (the request id, so Meta's support and our logs can be joined). */
  headers?: () => Record<string, string>;
}

export interface ObservedGraphCall {
  method: string;
  /** The path with every numeric Graph id replaced by `{id}`: bounded, never a tenant's id. */
  endpoint: string;
  seconds: number;
  errorCode?: string;
}

export interface GraphCall<T> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path segments after the version; each is URL-encoded. */
  segments: string[];
  auth: GraphAuth;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** A streamed body instead of `json` (a media upload); its length must be known in advance. */
  raw?: { contentType: string; length: number; body: AsyncIterable<Uint8Array> };
  /** Deadline of this call instead of the transport's (an upload of 100 MB takes longer than a send). */
  timeoutMs?: number;
  schema: z.ZodType<T>;
  /** Values of this call (besides the token and app secret) that must never appear in an error. */
  secrets?: string[];
}

// Graph responses are small; anything larger is not a Graph answer and is not buffered.
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const TOKEN_CHARS = /^[\x21-\x7e]+$/;
const VERSION = /^v\d+\.\d+$/;

/**
 * One keep-alive pool per Graph origin, and the only place that touches HTTP. It puts the token in the
 * `Authorization` header and nowhere else, turns every failure into a `WhatsAppClientError`, and validates
 * every success body with the caller's schema.
 */
export class GraphTransport {
  private readonly origin: string;
  private readonly basePath: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly timeoutMs: number;
  private readonly observe?: (call: ObservedGraphCall) => void;
  private readonly extraHeaders?: () => Record<string, string>;

  constructor(options: GraphTransportOptions) {
    if (!VERSION.test(options.apiVersion)) throw new RangeError(`apiVersion must look like v24.0, got ${options.apiVersion}`);
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = `${url.pathname.replace(/\/+$/, '')}/${options.apiVersion}`;
    this.timeoutMs = options.timeoutMs;
    // Pipelining 1 = keep-alive with one request in flight per connection: a slow Graph answer must not
    // hold back the requests queued behind it on the same socket.
    this.dispatcher =
      options.dispatcher ??
      new Pool(this.origin, {
        connections: options.connections,
        pipelining: 1,
        connectTimeout: options.timeoutMs,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
    this.ownsDispatcher = options.dispatcher === undefined;
    this.observe = options.observe;
    this.extraHeaders = options.headers;
  }

  async send<T>(call: GraphCall<T>): Promise<T> {
    if (!this.observe) return this.perform(call);
    const startedAt = process.hrtime.bigint();
    const endpoint = call.segments.map((segment) => (/^\d+$/.test(segment) ? '{id}' : segment)).join('/');
    let errorCode: string | undefined;
    try {
      return await this.perform(call);
    } catch (error) {
      errorCode = graphErrorCode(error);
      throw error;
    } finally {
      this.observe({ method: call.method, endpoint, seconds: Number(process.hrtime.bigint() - startedAt) / 1e9, errorCode });
    }
  }

  private async perform<T>(call: GraphCall<T>): Promise<T> {
    const { accessToken, appSecret } = typeof call.auth === 'string' ? { accessToken: call.auth, appSecret: undefined } : call.auth;
    if (!accessToken || !TOKEN_CHARS.test(accessToken)) {
      throw new GraphRequestValidationError('accessToken', 'The access token is empty or contains characters a token cannot have.');
    }
    const secrets = [accessToken, ...(appSecret ? [appSecret] : []), ...(call.secrets ?? [])];
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.set(key, String(value));
    if (appSecret) query.set('appsecret_proof', computeAppSecretProof(accessToken, appSecret));
    const search = query.toString();
    const path = `${this.basePath}/${call.segments.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;

    const headers: Record<string, string> = { ...this.extraHeaders?.(), authorization: `Bearer ${accessToken}`, accept: 'application/json' };
    let body: string | Readable | undefined;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    } else if (call.raw) {
      body = Readable.from(call.raw.body);
      headers['content-type'] = call.raw.contentType;
      headers['content-length'] = String(call.raw.length);
    }

    const timeoutMs = call.timeoutMs ?? this.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    let statusCode: number;
    let text: string;
    try {
      const response = await this.dispatcher.request({
        origin: this.origin,
        path,
        method: call.method,
        headers,
        body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      statusCode = response.statusCode;
      const length = Number(response.headers['content-length'] ?? 0);
      if (length > MAX_RESPONSE_BYTES) {
        response.body.destroy();
        throw new GraphApiMalformedResponseError(`response of ${length} bytes is too large`, statusCode);
      }
      text = await response.body.text();
    } catch (error) {
      throw translateTransportError(error, signal);
    }
    return this.interpret(call.schema, statusCode, text, secrets);
  }

  private interpret<T>(schema: z.ZodType<T>, statusCode: number, text: string, secrets: string[]): T {
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    // Checked before parsing so a success body does not pay for a failed parse (the simulator benchmark
    // pushes thousands of sends per second through here).
    if (typeof json === 'object' && json !== null && 'error' in json) {
      const graphError = GraphErrorEnvelopeSchema.safeParse(json);
      if (graphError.success) throw GraphApiError.fromBody(graphError.data.error, statusCode, secrets);
    }
    if (statusCode >= 500 || statusCode === 429 || statusCode === 408) {
      throw new GraphApiUnavailableError('http_status', `HTTP ${statusCode} without a Graph error body`, { httpStatus: statusCode });
    }
    if (statusCode < 200 || statusCode >= 300) {
      throw new GraphApiMalformedResponseError(`HTTP ${statusCode} without a Graph error body`, statusCode);
    }
    if (json === undefined) throw new GraphApiMalformedResponseError('the body is not JSON', statusCode);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      throw new GraphApiMalformedResponseError(`unexpected fields: ${issues.join(', ')}`, statusCode, issues);
    }
    return parsed.data;
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

/** A bounded label for a failed call: Graph's error code, or why no Graph answer came. */
function graphErrorCode(error: unknown): string {
  if (error instanceof GraphApiError) return String(error.graphCode);
  if (error instanceof GraphApiUnavailableError) return error.reason;
  if (error instanceof GraphApiMalformedResponseError) return 'malformed_response';
  if (error instanceof GraphRequestValidationError) return 'invalid_request';
  return 'unknown';
}

function translateTransportError(error: unknown, signal: AbortSignal): Error {
  if (error instanceof GraphApiMalformedResponseError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const causeCode = typeof code === 'string' ? code : undefined;
  if (signal.aborted || causeCode === 'UND_ERR_HEADERS_TIMEOUT' || causeCode === 'UND_ERR_BODY_TIMEOUT' || causeCode === 'UND_ERR_CONNECT_TIMEOUT') {
    return new GraphApiUnavailableError('timeout', 'no answer within the timeout', { causeCode });
  }
  // Only the error's code and a fixed text: undici messages are safe, but a URL must never leak from here.
  return new GraphApiUnavailableError('network', causeCode ?? 'the connection failed', { causeCode });
}
