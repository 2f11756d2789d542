import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { postGraphQL } from './graphql-http';
import { onDispose } from './leftovers';

/** The part of `@graphql-hive/gateway-runtime` this helper uses. */
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

/** Asks each subgraph for its SDL and composes the supergraph the gateway serves. */
async function composeSupergraph(subgraphs: Array<{ name: string; url: string }>): Promise<string> {
  const services = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      const result = await postGraphQL<{ _service: { sdl: string } }>(url, '{ _service { sdl } }');
      return { name, url, typeDefs: parse(result.data!._service.sdl) };
    }),
  );
  const composed = composeServices(services);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.supergraphSdl;
}

/**
 * The Hive Gateway runtime (the engine its CLI serves) on node:http and port 0, composing the given
 * subgraphs. It forwards the caller's Authorization header to every subgraph over HTTP, opens its
 * subscriptions to `subscriptionSubgraph` over graphql-ws with the same header on the upgrade request,
 * and serves its own clients GraphQL over HTTP, SSE and graphql-ws.
 */
export async function startHiveGateway(
  subgraphs: Array<{ name: string; url: string }>,
  subscriptionSubgraph: string,
): Promise<{ url: string; wsUrl: string }> {
  const supergraph = await composeSupergraph(subgraphs);
  const { createGatewayRuntime, getGraphQLWSOptions } = (await import(RUNTIME_MODULE)) as HiveGatewayRuntime;
  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
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
            // The default keeps an idle upstream socket open 3 s after its last subscription, past
            // the end of the test file.
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
  onDispose(async () => {
    await ws.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    await gateway.dispose();
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${gateway.graphqlEndpoint}`, wsUrl: `ws://127.0.0.1:${port}${gateway.graphqlEndpoint}` };
}
