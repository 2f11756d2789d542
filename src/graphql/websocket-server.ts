import type { Server } from 'node:http';
import { CloseCode, type ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import type { Viewer } from '../identity';
import type { GraphQLContext } from './context';
import { formatError } from './format-error';

export interface WebSocketServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  /** Verifies the `authorization` connection param; throws when it is missing or bad. */
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  createContext: (viewer: Viewer) => GraphQLContext;
  /** Adds observation (metrics, the per-operation log line) around the server options. */
  observe?: <P extends Record<string, unknown> | undefined, E>(options: ServerOptions<P, E>) => ServerOptions<P, E>;
}

// The same masking as over HTTP: Apollo's formatError does not run for graphql-ws, so without this an
// unexpected error's message (SQL, a vendor's text) would reach the subscriber.
const masked = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * graphql-ws on the same HTTP server and path as Apollo. A connection is authenticated once, at
 * ConnectionInit, with the same bearer token the gateway forwards over HTTP; without a valid one the
 * socket is closed with 4401 before any subscription can start.
 */
export function startWebSocketServer(options: WebSocketServerOptions): { dispose: () => Promise<void> } {
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path });
  const viewers = new WeakMap<object, Viewer>();
  const observe = options.observe ?? ((serverOptions) => serverOptions);
  const cleanup = useServer<Record<string, unknown>, { viewer?: Viewer }>(
    observe({
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          viewers.set(ctx.extra, await options.authenticate(authorizationParam(ctx.connectionParams)));
          return true;
        } catch {
          ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized');
          return false;
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: masked(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => masked(errors),
      context: (ctx) => {
        const viewer = viewers.get(ctx.extra);
        if (!viewer) throw new Error('unauthenticated socket reached subscribe');
        return options.createContext(viewer);
      },
    }),
    wss,
  );
  return {
    dispose: async () => {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
