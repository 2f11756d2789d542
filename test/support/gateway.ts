import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { onDispose } from './leftovers';

/**
 * A real Apollo gateway composing the host's subgraph with ours, forwarding the caller's Authorization
 * header to both, as the host platform's gateway does.
 */
export async function startGateway(subgraphs: Array<{ name: string; url: string }>): Promise<{ url: string }> {
  type Ctx = { authorization?: string };
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs }),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<Ctx>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer<Ctx>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  onDispose(() => server.stop());
  return { url };
}
