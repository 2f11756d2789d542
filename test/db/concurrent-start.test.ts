import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { request } from 'undici';
import { onDispose } from '../support/leftovers';
import { pluginProcessEnv, startPluginProcess } from '../support/plugin-process';
import { UNREACHABLE_GRAPH_API } from '../support/start-test-app';
import { createTestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..');

/** `npm run migrate` as a release step runs it: its own process, the given environment and nothing else. */
function runMigrateCli(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/app/migrate-cli.ts'], {
    cwd: ROOT,
    // eslint-disable-next-line n/no-process-env -- PATH and HOME for the child, not plugin settings
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

async function query<T extends object>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

test('three instances started at the same moment on one empty database all become ready', async () => {
  const databaseUrl = await createTestDatabase();
  const env = pluginProcessEnv(databaseUrl, UNREACHABLE_GRAPH_API);
  const instances = await Promise.all([startPluginProcess(env), startPluginProcess(env), startPluginProcess(env)]);
  for (const instance of instances) {
    const response = await request(`${instance.url}/readyz`);
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  }
  const applied = await query<{ n: number }>(databaseUrl, 'select count(*)::int as n from whatsapp_connect.mikro_orm_migrations');
  expect(applied[0]!.n).toBeGreaterThan(0);
  for (const instance of instances) instance.signal('SIGTERM');
  for (const instance of instances) expect((await instance.exited).code).toBe(0);
});

test('the migrate command needs only DATABASE_URL, even with NODE_ENV=production', async () => {
  const databaseUrl = await createTestDatabase();
  const result = await runMigrateCli({ NODE_ENV: 'production', DATABASE_URL: databaseUrl });
  expect(result).toMatchObject({ code: 0 });
  expect(result.output).toContain('database schema is current');
  // A plugin told not to migrate finds the schema current and becomes ready.
  const instance = await startPluginProcess({ ...pluginProcessEnv(databaseUrl, UNREACHABLE_GRAPH_API), DATABASE_MIGRATE_ON_START: 'false' });
  onDispose(() => instance.kill());
  const response = await request(`${instance.url}/readyz`);
  expect(response.statusCode).toBe(200);
  await response.body.dump();
});

test('a failed migration exits non-zero and leaves the schema as it was', async () => {
  const databaseUrl = await createTestDatabase();
  // A table in the way of a late migration: the earlier ones succeed, then this one fails.
  await query(databaseUrl, 'create schema whatsapp_connect; create table whatsapp_connect.whatsapp_migrations (id int)');
  const result = await runMigrateCli({ NODE_ENV: 'production', DATABASE_URL: databaseUrl });
  expect(result.code).toBe(1);
  expect(result.output).toContain('migration failed');
  const tables = await query<{ table_name: string }>(
    databaseUrl,
    "select table_name from information_schema.tables where table_schema = 'whatsapp_connect' order by 1",
  );
  // Everything ran in one transaction: the earlier migrations' tables are gone with it, and the migrator's
  // own bookkeeping table (created before the transaction) records nothing.
  expect(tables.map((t) => t.table_name)).toEqual(['mikro_orm_migrations', 'whatsapp_migrations']);
  expect(await query(databaseUrl, 'select * from whatsapp_connect.mikro_orm_migrations')).toEqual([]);
});

test('the migrate command names a missing DATABASE_URL in production', async () => {
  const result = await runMigrateCli({ NODE_ENV: 'production' });
  expect(result.code).toBe(78);
  expect(result.output).toContain('DATABASE_URL: required in production');
});
