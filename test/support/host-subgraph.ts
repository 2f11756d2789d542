import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { jwtVerify } from 'jose';
import { onDispose } from './leftovers';

/** The host platform's data as the small host subgraph serves it. */
export interface HostData {
  users: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string; ownerId: string }>;
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type User @key(fields: "id") { id: ID! name: String! }
  type Agent @key(fields: "id") { id: ID! name: String! owner: User! }
  type Query { me: User! agents: [Agent!]! }
`);

/**
 * A stand-in for the host platform's own subgraph: it owns `User` and `Agent`, authenticates the same
 * bearer token, and knows nothing of WhatsApp.
 */
export async function startHostSubgraph(data: HostData, jwtSecret: string): Promise<{ url: string }> {
  type Ctx = { userId: string | null };
  const requireUser = (ctx: Ctx) => {
    if (!ctx.userId) throw new GraphQLError('Sign in first.', { extensions: { code: 'UNAUTHENTICATED' } });
    return ctx.userId;
  };
  const schema = buildSubgraphSchema([
    {
      typeDefs,
      resolvers: {
        Query: {
          me: (_: unknown, __: unknown, ctx: Ctx) => data.users.find((u) => u.id === requireUser(ctx)),
          agents: (_: unknown, __: unknown, ctx: Ctx) => data.agents.filter((a) => a.ownerId === requireUser(ctx)),
        },
        User: { __resolveReference: (ref: { id: string }) => data.users.find((u) => u.id === ref.id) },
        Agent: {
          __resolveReference: (ref: { id: string }) => data.agents.find((a) => a.id === ref.id),
          owner: (agent: { ownerId: string }) => data.users.find((u) => u.id === agent.ownerId),
        },
      } as never,
    },
  ]);
  const server = new ApolloServer<Ctx>({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return { userId: null };
      try {
        const { payload } = await jwtVerify(token, new TextEncoder().encode(jwtSecret));
        return { userId: payload.sub ?? null };
      } catch {
        return { userId: null };
      }
    },
  });
  onDispose(() => server.stop());
  return { url };
}
