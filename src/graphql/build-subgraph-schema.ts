import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { EventBus, EventMap } from '../events';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

export interface BuildSubgraphSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Types no query returns directly, such as the host's entities we only extend. */
  orphanedTypes: Function[];
  referenceResolvers: Record<string, { __resolveReference: (reference: never, ...rest: never[]) => unknown }>;
  pubSub: EventBus<EventMap>;
}

/**
 * type-graphql builds the executable schema; its SDL (with directives) is fed to @apollo/subgraph, which
 * adds `_service`, `_entities` and the federation link. The result is the one schema both HTTP and
 * WebSocket execute.
 */
export async function buildSubgraph(options: BuildSubgraphSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    pubSub: options.pubSub as never,
    validate: false,
    emitSchemaFile: false,
  });
  const resolverMap = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers)) {
    resolverMap[typeName] = { ...resolverMap[typeName], ...reference };
  }
  return buildSubgraphSchema([
    { typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers: resolverMap as never },
  ]);
}
