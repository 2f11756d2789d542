import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { runInRequest, type RequestContext } from '../observability/request-context';
import { assignRequestId } from './request-id';

type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** Which of the plugin's surfaces one listener serves (all of them unless WEBHOOK_PORT / OPS_PORT split them). */
interface ServedSurfaces {
  graphql: boolean;
  webhooks: boolean;
  /** /healthz, /readyz, /metrics */
  ops: boolean;
}

export interface RequestListenerOptions {
  graphqlPath: string;
  graphql: RouteHandler;
  /** Handles `<webhookPrefix>/<endpoint key>`; the key is the rest of the path. */
  webhookPrefix: string;
  webhook: (req: IncomingMessage, res: ServerResponse, endpointKey: string, url: URL) => Promise<void> | void;
  /** `/media/…`: signed links to message media (served wherever GraphQL is). */
  media?: RouteHandler;
  /** `/media-uploads/…`: signed uploads of outbound media (served wherever GraphQL is). */
  mediaUpload?: RouteHandler;
  /** The database answers and the schema is current. */
  isReady: () => Promise<boolean>;
  /**
   * Facts added to the /readyz body for whoever looks (the inbox backlog, say). Informative only: it
   * never makes the instance unready, and when it cannot be read the body goes without it.
   */
  readinessDetail?: () => Promise<Record<string, unknown>>;
  metrics: Metrics;
  logger: Logger;
  serves?: ServedSurfaces;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

// Probes and scrapes arrive every few seconds from machines: their request lines are debug, not info.
const QUIET_ROUTES = new Set(['healthz', 'readyz', 'metrics']);

/** The plugin's only HTTP router: a handful of fixed paths and one webhook prefix. */
export function createRequestListener(options: RequestListenerOptions): RequestListener {
  const webhookPrefix = `${options.webhookPrefix}/`;
  const serves = options.serves ?? { graphql: true, webhooks: true, ops: true };
  return (req, res) => {
    const startedAt = process.hrtime.bigint();
    const requestId = assignRequestId(req);
    const context: RequestContext = { requestId };
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://plugin.invalid');
    const path = url.pathname;
    let route = 'unknown';
    let handled: Promise<void> | void = undefined;
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const status = res.writableFinished ? res.statusCode : 0;
      options.metrics.httpRequests.inc({ route, status: String(status) });
      options.metrics.httpRequestSeconds.observe({ route }, seconds);
      // The path is not logged: a webhook path carries the endpoint key. Never headers or bodies.
      const line = {
        requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        userId: context.userId,
        operationName: context.operationName,
        outcome: context.outcome,
      };
      if (QUIET_ROUTES.has(route)) options.logger.debug(line, 'request');
      else options.logger.info(line, status === 0 ? 'request aborted' : 'request');
    });
    runInRequest(context, () => {
      try {
        if (serves.graphql && path === options.graphqlPath) {
          route = 'graphql';
          handled = options.graphql(req, res, url);
        } else if (serves.graphql && options.mediaUpload && path.startsWith('/media-uploads/')) {
          route = 'media_upload';
          handled = options.mediaUpload(req, res, url);
        } else if (serves.graphql && options.media && path.startsWith('/media/')) {
          route = 'media';
          handled = options.media(req, res, url);
        } else if (serves.webhooks && path.startsWith(webhookPrefix)) {
          route = 'webhook';
          handled = options.webhook(req, res, path.slice(webhookPrefix.length), url);
        } else if (serves.ops && path === '/healthz') {
          route = 'healthz';
          json(res, 200, { status: 'ok' });
        } else if (serves.ops && path === '/readyz') {
          route = 'readyz';
          const detail = (options.readinessDetail?.() ?? Promise.resolve({})).catch((err: unknown) => {
            options.logger.debug({ err }, 'readiness detail unavailable');
            return {};
          });
          handled = Promise.all([options.isReady().catch(() => false), detail]).then(([ready, facts]) =>
            json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...facts }),
          );
        } else if (serves.ops && path === '/metrics') {
          route = 'metrics';
          handled = options.metrics.registry.metrics().then((text) => {
            res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text);
          });
        } else {
          json(res, 404, { error: 'not found' });
        }
      } catch (err) {
        route = 'error';
        handled = Promise.reject(err);
      }
    });
    Promise.resolve(handled).catch((err: unknown) => {
      options.logger.error({ err, requestId, route }, 'request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error', requestId });
      else res.destroy();
    });
  };
}
