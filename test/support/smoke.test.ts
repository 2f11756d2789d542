import { startTestOrm } from './test-database';

test('a test file gets its own migrated database', async () => {
  const { orm } = await startTestOrm();
  const rows = await orm.em.getConnection().execute('select current_database() as db');
  expect(rows[0].db).toMatch(/^t_/);
});
