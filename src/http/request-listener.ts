import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { assignRequestId } from './request-id';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface RequestListenerOptions {
  graphqlPath: string;
  graphql: RouteHandler;
  /** Handles `<webhookPrefix>/<endpoint key>`; the key is the rest of the path. */
  webhookPrefix: string;
  webhook: (req: IncomingMessage, res: ServerResponse, endpointKey: string, url: URL) => Promise<void> | void;
  /** The database answers and the schema is current. */
  isReady: () => Promise<boolean>;
  metrics: Metrics;
  logger: Logger;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The plugin's only HTTP router: a handful of fixed paths and one webhook prefix. */
export function createRequestListener(options: RequestListenerOptions): RequestListener {
  const webhookPrefix = `${options.webhookPrefix}/`;
  return (req, res) => {
    const requestId = assignRequestId(req);
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://plugin.invalid');
    const path = url.pathname;
    let route: string;
    let handled: Promise<void> | void = undefined;
    try {
      if (path === options.graphqlPath) {
        route = 'graphql';
        handled = options.graphql(req, res, url);
      } else if (path.startsWith(webhookPrefix)) {
        route = 'webhook';
        handled = options.webhook(req, res, path.slice(webhookPrefix.length), url);
      } else if (path === '/healthz') {
        route = 'healthz';
        json(res, 200, { status: 'ok' });
      } else if (path === '/readyz') {
        route = 'readyz';
        handled = options.isReady().then(
          (ready) => json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' }),
          () => json(res, 503, { status: 'not ready' }),
        );
      } else if (path === '/metrics') {
        route = 'metrics';
        handled = options.metrics.registry.metrics().then((text) => {
          res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text);
        });
      } else {
        route = 'unknown';
        json(res, 404, { error: 'not found' });
      }
    } catch (err) {
      route = 'error';
      handled = Promise.reject(err);
    }
    Promise.resolve(handled)
      .catch((err: unknown) => {
        options.logger.error({ err, requestId, route }, 'request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error', requestId });
        else res.destroy();
      })
      .finally(() => options.metrics.httpRequests.inc({ route, status: String(res.statusCode) }));
  };
}
