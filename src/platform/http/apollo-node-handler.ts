import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors';
import { BodyTimeoutError, BodyTooLargeError, readBody } from './read-body';

export const MAX_GRAPHQL_BODY_BYTES = 1024 * 1024;

/**
 * Apollo Server on Node's own http module: the whole integration is translating the request into
 * Apollo's HTTPGraphQLRequest and its answer back, so no web framework sits on the hot path.
 */
export function apolloNodeHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (req: IncomingMessage) => Promise<TContext>,
  options: { bodyIdleTimeoutMs?: number } = {},
) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(req, MAX_GRAPHQL_BODY_BYTES, options.bodyIdleTimeoutMs);
      } catch (err) {
        const status = err instanceof BodyTooLargeError ? 413 : err instanceof BodyTimeoutError ? 408 : 400;
        res.writeHead(status, { 'content-type': 'text/plain', ...(status === 400 ? {} : { connection: 'close' }) }).end();
        return;
      }
      const contentType = headers.get('content-type') ?? '';
      if (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) {
        try {
          body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: 'The body is not valid JSON.', extensions: { code: ErrorCode.BadRequest } }] }));
          return;
        }
      } else {
        body = raw.toString('utf8');
      }
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body,
    };
    const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(req) });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
