/**
 * A Hive Gateway as its own process, started by test/support/hive-gateway.ts with an IPC channel: it
 * receives the composed supergraph and the name of the subgraph that serves subscriptions, serves them
 * on node:http at port 0 the way the `hive-gateway` CLI's Node server does (the runtime as the request
 * listener, graphql-ws on the same path through the runtime's own options), and reports its port.
 *
 * It stops (and exits 0) on SIGTERM or when its parent goes away (the IPC channel closes), so a test
 * runner that dies does not leave a gateway behind.
 */
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/** What the parent sends once, after spawning this process. */
export interface HiveGatewayStart {
  supergraph: string;
  subscriptionSubgraph: string;
}

/** What this process sends back once it listens. */
export interface HiveGatewayListening {
  port: number;
  graphqlEndpoint: string;
}

/** The part of `@graphql-hive/gateway-runtime` this server uses. */
interface HiveGatewayRuntime {
  createGatewayRuntime(config: Record<string, unknown>): GatewayRuntime;
  getGraphQLWSOptions(
    gateway: GatewayRuntime,
    onContext: (ctx: { extra: { request: IncomingMessage; socket: unknown } }) => Record<string, unknown>,
  ): ServerOptions<Record<string, unknown> | undefined, { request: IncomingMessage; socket: unknown }>;
}
type GatewayRuntime = RequestListener & { graphqlEndpoint: string; dispose(): Promise<void> };

// Loaded by a computed name so that TypeScript does not read the runtime's typings: through
// @whatwg-node/fetch they add the DOM library to the whole program, which retypes Node's globals
// (performance, Headers) for every file, not only this one.
const RUNTIME_MODULE = '@graphql-hive/gateway-runtime';

async function serve({ supergraph, subscriptionSubgraph }: HiveGatewayStart): Promise<void> {
  const { createGatewayRuntime, getGraphQLWSOptions } = (await import(RUNTIME_MODULE)) as HiveGatewayRuntime;
  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
    // Queries and mutations: the caller's Authorization header on every subgraph request.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }: { request: Request }) => {
        const authorization = request.headers.get('authorization');
        return authorization ? { authorization } : {};
      },
    },
    transportEntries: {
      [subscriptionSubgraph]: {
        options: {
          subscriptions: {
            kind: 'ws',
            // A WebSocket client carries no headers unless told: this puts the caller's Authorization
            // (from its request, or its graphql-ws connectionParams) on the upgrade request.
            headers: [['authorization', '{context.headers.authorization}']],
            // The default keeps an idle upstream socket open 3 s after its last subscription, which
            // would hold up this process's stop.
            options: { lazyCloseTimeout: 0 },
          },
        },
      },
    },
  });
  const server = createServer(gateway);
  const wss = new WebSocketServer({ server, path: gateway.graphqlEndpoint });
  const ws = useServer(
    getGraphQLWSOptions(gateway, (ctx) => ({ req: ctx.extra.request, socket: ctx.extra.socket })),
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await ws.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await gateway.dispose();
      if (process.connected) process.disconnect();
    })());
  process.once('SIGTERM', () => void stop());
  process.once('disconnect', () => void stop());

  const listening: HiveGatewayListening = {
    port: (server.address() as AddressInfo).port,
    graphqlEndpoint: gateway.graphqlEndpoint,
  };
  process.send!(listening);
}

if (!process.send) throw new Error('hive-gateway-server runs as a child process with an IPC channel');
process.once('message', (start: HiveGatewayStart) => {
  serve(start).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
