import { createPluginOrm } from '../../src/app/database';
import { migrateToLatest } from '../../src/platform/db/orm';
import { onDispose } from '../support/leftovers';
import { TEST_SCHEMA, createTestDatabase } from '../support/test-database';

async function migratedOrm() {
  const orm = await createPluginOrm({ clientUrl: await createTestDatabase(), schema: TEST_SCHEMA });
  onDispose(() => orm.close(true));
  await migrateToLatest(orm, TEST_SCHEMA);
  return orm;
}

test('the migrations build exactly the schema the entities declare', async () => {
  const orm = await migratedOrm();
  expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
});

test('every plugin table lives in the plugin\'s own schema', async () => {
  const orm = await migratedOrm();
  const rows: Array<{ table_name: string }> = await orm.em
    .getConnection()
    .execute(`select table_name from information_schema.tables where table_schema = 'public'`);
  expect(rows).toEqual([]);
});

test('migrating twice is a no-op', async () => {
  const orm = await migratedOrm();
  await migrateToLatest(orm, TEST_SCHEMA);
  expect(await orm.migrator.getPending()).toEqual([]);
});
