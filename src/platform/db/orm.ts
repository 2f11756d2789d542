import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { MikroORM, defineConfig, type EntityManager, type Options } from '@mikro-orm/postgresql';
import type { EntityName, EntityProperty, MigrationObject } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { SelfReleasingClient } from './self-releasing-client';

export interface OrmOptions {
  clientUrl: string;
  /** The plugin's own Postgres schema; every table it owns lives there. */
  schema: string;
  poolMax?: number;
  debug?: boolean;
  /** Where MikroORM's own messages (migrations applied, debug queries) go; silent by default. */
  log?: (message: string) => void;
}

/**
 * What the ORM manages: handed in by the composition root (src/app/database.ts), which alone knows
 * every domain's entities and the migrations, so that this kit imports no domain.
 */
export interface OrmModel {
  entities: Function[];
  migrations: MigrationObject[];
}

export function ormConfig(options: OrmOptions & OrmModel): Options {
  return defineConfig({
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 20 },
    // Passed to pg's Pool: see SelfReleasingClient for the connection leak it closes.
    driverOptions: { Client: SelfReleasingClient },
    debug: options.debug ?? false,
    logger: options.log ?? (() => undefined),
    // Log lines go into JSON records: ANSI colour codes would only be noise there.
    colors: false,
    // Entities are never fetched across requests: each request and job forks its own EntityManager.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      migrationsList: options.migrations,
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

export async function createOrm(options: OrmOptions & OrmModel): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/**
 * The key of the session-level advisory lock every instance takes around migrating one schema: a
 * constant prefix with the schema's hash, so two plugins in two schemas of one database do not wait on
 * each other.
 */
function migrationLockKey(schema: string): string {
  return String(BigInt.asIntN(64, 0x5763_0000_0000_0000n | BigInt(`0x${createHash('sha256').update(schema).digest('hex').slice(0, 12)}`)));
}

/**
 * Creates the plugin's schema if needed and applies every pending migration, under a PostgreSQL
 * advisory lock: instances started together wait for the first one, then find nothing pending. The
 * lock lives on a connection of its own (MikroORM runs the migrations on its pool, each in its own
 * transaction, and all of them in one with allOrNothing: a failed migration leaves the schema as it
 * was). A crashed holder's lock goes with its connection. Behind a transaction-pooling PgBouncer a
 * session lock does not hold: point DATABASE_URL at PostgreSQL itself for migrations.
 */
export async function migrateToLatest(orm: MikroORM, schema: string, options: { log?: (message: string) => void } = {}): Promise<void> {
  const lock = new Client({ connectionString: orm.config.get('clientUrl'), application_name: 'whatsapp-connect-migrate' });
  await lock.connect();
  const key = migrationLockKey(schema);
  try {
    const free = await lock.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
    if (!free.rows[0]?.locked) {
      options.log?.('another instance is migrating this schema: waiting for it');
      await lock.query('select pg_advisory_lock($1)', [key]);
    }
    await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
    await orm.migrator.up();
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
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

/** An entity's properties stored in a column of their own, for hand-written statements that follow the entity. */
export function storedScalarProps(em: EntityManager, entity: EntityName<object>): EntityProperty[] {
  return em.getMetadata().get(entity).props.filter((prop) => prop.persist !== false && prop.kind === 'scalar' && prop.fieldNames?.length === 1);
}
