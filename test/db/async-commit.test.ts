import { Client } from 'pg';
import { ASYNC_COMMIT } from '../../src/platform/db/async-commit';
import { PostgresRateLimiter, RateLimitBucket } from '../../src/rate-limits';
import { createTestDatabase, startTestOrm } from '../support/test-database';

describe('ASYNC_COMMIT', () => {
  it('turns synchronous commit off for its own statement only, not for the connection', async () => {
    const client = new Client({ connectionString: await createTestDatabase() });
    await client.connect();
    try {
      const within = await client.query<{ during: string }>(`select ${ASYNC_COMMIT} as off, current_setting('synchronous_commit') as during`);
      expect(within.rows[0]!.during).toBe('off');
      const after = await client.query<{ synchronous_commit: string }>('show synchronous_commit');
      expect(after.rows[0]!.synchronous_commit).toBe('on');
    } finally {
      await client.end();
    }
  });

  it('takes rate-limit leases as before, and leaves the pool\'s connections committing synchronously', async () => {
    const { orm } = await startTestOrm();
    const limiter = new PostgresRateLimiter(orm);
    const policy = { perSecond: 0.001, burst: 3 };
    const decisions = await Promise.all(Array.from({ length: 5 }, () => limiter.consume('async:a', policy)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    const bucket = await orm.em.fork().findOneOrFail(RateLimitBucket, { key: 'async:a' });
    expect(bucket.tokens).toBeLessThan(1);
    const settings = (await Promise.all(
      Array.from({ length: 4 }, () => orm.em.getConnection().execute("select current_setting('synchronous_commit') as s")),
    )) as Array<Array<{ s: string }>>;
    expect(settings.map((rows) => rows[0]!.s)).toEqual(['on', 'on', 'on', 'on']);
  });
});
