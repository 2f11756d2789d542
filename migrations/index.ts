import type { MigrationObject } from '@mikro-orm/core';

/** Every migration in the order it must run. MikroORM is given this list instead of scanning files. */
export const ALL_MIGRATIONS: MigrationObject[] = [];
