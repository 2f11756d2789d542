import type { MikroORM, Options } from '@mikro-orm/postgresql';
import { ALL_MIGRATIONS } from '../../migrations';
import { createOrm, ormConfig, type OrmOptions } from '../platform/db/orm';
import { ALL_ENTITIES } from './entities';

/** The plugin's ORM configuration: every entity of every domain, and every migration. */
export function pluginOrmConfig(options: OrmOptions): Options {
  return ormConfig({ ...options, entities: ALL_ENTITIES, migrations: ALL_MIGRATIONS });
}

/** The plugin's ORM, as the server, the migrate command, the tests and the benchmarks open it. */
export function createPluginOrm(options: OrmOptions): Promise<MikroORM> {
  return createOrm({ ...options, entities: ALL_ENTITIES, migrations: ALL_MIGRATIONS });
}
