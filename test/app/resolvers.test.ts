import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parse, printSchema, subscribe } from 'graphql';
import { createEventBus } from '../../src/platform/events';
import { buildSubgraph } from '../../src/platform/graphql/build-subgraph-schema';
import { ORPHANED_TYPES, REFERENCE_RESOLVERS, SCHEMA_RESOLVERS, subgraphResolvers } from '../../src/app/resolvers';

const build = (resolvers: typeof SCHEMA_RESOLVERS) =>
  buildSubgraph({ resolvers, orphanedTypes: ORPHANED_TYPES, referenceResolvers: REFERENCE_RESOLVERS, pubSub: createEventBus() });

describe('the subgraph resolvers', () => {
  test('the agents\' subscriptions give the same schema whatever services they are built over', async () => {
    const wired = subgraphResolvers({ orm: {} as never, eventBus: createEventBus() });
    expect(printSchema(await build(wired))).toBe(printSchema(await build(SCHEMA_RESOLVERS)));
  });

  test('a schema built to be printed refuses a subscription instead of reaching for a database', async () => {
    const schema = await build(SCHEMA_RESOLVERS);
    const viewer = { userId: randomUUID(), roles: [], isAdmin: false, isHostService: false };
    const result = await subscribe({
      schema,
      document: parse(`subscription { whatsAppMessageReceived(agentId: "${randomUUID()}") { id } }`),
      contextValue: { viewer },
    });
    expect(result).toMatchObject({ errors: [expect.objectContaining({ message: expect.stringContaining('built to be printed') })] });
  });
});
