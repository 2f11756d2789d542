import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createPluginOrm } from '../../src/app/database';
import { migrateToLatest } from '../../src/platform/db/orm';
import { onDispose } from './leftovers';

export const TEST_SCHEMA = 'whatsapp_connect';

function adminUrl(): string {
  // eslint-disable-next-line n/no-process-env -- set by the jest global setup, not a plugin setting
  const url = process.env.WC_TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error('WC_TEST_ADMIN_DATABASE_URL is unset: run the tests through jest (global setup starts PostgreSQL).');
  return url;
}

/** A fresh, empty database on the test server, dropped when the test file ends. */
export async function createTestDatabase(): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  onDispose(async () => {
    const dropper = new Client({ connectionString: adminUrl() });
    await dropper.connect();
    await dropper.query(`drop database if exists "${name}" with (force)`);
    await dropper.end();
  });
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated database and an ORM on it, both disposed when the test file ends. */
export async function startTestOrm(): Promise<{ orm: MikroORM; databaseUrl: string }> {
  const databaseUrl = await createTestDatabase();
  const orm = await createPluginOrm({ clientUrl: databaseUrl, schema: TEST_SCHEMA, poolMax: 10 });
  onDispose(() => orm.close(true));
  await migrateToLatest(orm, TEST_SCHEMA);
  return { orm, databaseUrl };
}
