import { MikroORM, defineConfig, type EntityManager, type Options } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { SelfReleasingClient } from './self-releasing-client';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from '../../migrations';

export interface OrmOptions {
  clientUrl: string;
  /** The plugin's own Postgres schema; every table it owns lives there. */
  schema: string;
  poolMax?: number;
  debug?: boolean;
  /** Where MikroORM's own messages (migrations applied, debug queries) go; silent by default. */
  log?: (message: string) => void;
}

export function ormConfig(options: OrmOptions): Options {
  return defineConfig({
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: ALL_ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 20 },
    // Passed to pg's Pool: see SelfReleasingClient for the connection leak it closes.
    driverOptions: { Client: SelfReleasingClient },
    debug: options.debug ?? false,
    logger: options.log ?? (() => undefined),
    // Entities are never fetched across requests: each request and job forks its own EntityManager.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      migrationsList: ALL_MIGRATIONS,
      schema: options.schema,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      path: 'migrations',
    },
  });
}

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** Creates the plugin's schema if needed and applies every pending migration. */
export async function migrateToLatest(orm: MikroORM, schema: string): Promise<void> {
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  await orm.migrator.up();
}

/** True when the database answers and no migration is pending: the readiness condition. */
export async function isSchemaCurrent(orm: MikroORM): Promise<boolean> {
  const pending = await orm.migrator.getPending();
  return pending.length === 0;
}

/**
 * `"schema"."table"` of an entity, for the few hand-written statements on hot paths (where building a
 * query through the ORM costs several times the statement itself).
 */
export function qualifiedTable(em: EntityManager, entity: EntityName<object>): string {
  const meta = em.getMetadata().get(entity);
  return `"${meta.schema ?? em.config.get('schema')}"."${meta.tableName}"`;
}
