import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type ContainerType, type NonEmptyArray } from 'type-graphql';
import type { EventBus, EventMap } from '../events';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@tag", "@inaccessible"])';

export interface BuildSubgraphSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Types no query returns directly, such as the host's entities we only extend. */
  orphanedTypes: Function[];
  referenceResolvers: Record<string, { __resolveReference: (reference: never, ...rest: never[]) => unknown }>;
  pubSub: EventBus<EventMap>;
  /**
   * Where resolvers get their instances: the composition root's, holding those built with their domain's
   * services. Without one (emitting or linting the schema, which runs no resolver) each is built bare.
   */
  container?: ContainerType;
  /** Keep the deprecated old names of renamed fields (the default); false leaves them out of the schema. */
  deprecatedFields?: boolean;
}

/** The SDL without its deprecated fields: every one is the old name of a field still served under its new one. */
function withoutDeprecatedFields(typeDefs: DocumentNode): DocumentNode {
  return visit(typeDefs, {
    FieldDefinition: (field) => (field.directives?.some((d) => d.name.value === 'deprecated') ? null : undefined),
  });
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
    ...(options.container ? { container: options.container } : {}),
    validate: false,
    emitSchemaFile: false,
  });
  const resolverMap = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers)) {
    resolverMap[typeName] = { ...resolverMap[typeName], ...reference };
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema([
    { typeDefs: options.deprecatedFields === false ? withoutDeprecatedFields(typeDefs) : typeDefs, resolvers: resolverMap as never },
  ]);
}
