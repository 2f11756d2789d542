import type { MikroORM } from '@mikro-orm/postgresql';
import { PAIR_RATE_POLICY, Pacer, PostgresRateLimiter } from '../../src/rate-limits';
import { DeleteCredentialDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { newUserId, startTestApp } from '../support/start-test-app';
import { eventually } from '../support/eventually';
import { startTestOrm } from '../support/test-database';

/** The tokens left in a bucket's row (undefined before its first lease). */
async function tokensIn(orm: MikroORM, key: string): Promise<number | undefined> {
  const rows = await orm.em.getConnection().execute<Array<{ tokens: number }>>('select tokens from whatsapp_connect.rate_limit_buckets where key = ?', [key]);
  return rows[0]?.tokens;
}

describe('PostgresRateLimiter', () => {
  it('allows the burst, then refuses with the time to wait', async () => {
    const { orm } = await startTestOrm();
    const limiter = new PostgresRateLimiter(orm);
    const policy = { perSecond: 0.01, burst: 5 };
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await limiter.consume('user:a', policy));
    expect(decisions.slice(0, 5).every((d) => d.allowed)).toBe(true);
    expect(decisions[5]).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number), retryAfterMs: expect.any(Number) });
    expect((decisions[5] as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(50);
    expect((await limiter.consume('user:b', policy)).allowed).toBe(true);
  });

  it('refills with time', async () => {
    const { orm } = await startTestOrm();
    const limiter = new PostgresRateLimiter(orm);
    // A billion a second refills within the microseconds between two statements.
    const policy = { perSecond: 1e9, burst: 1 };
    for (let i = 0; i < 20; i++) expect((await limiter.consume('k', policy)).allowed).toBe(true);
  });

  it('holds one limit across instances, even under concurrency', async () => {
    const { orm } = await startTestOrm();
    const instances = [new PostgresRateLimiter(orm), new PostgresRateLimiter(orm), new PostgresRateLimiter(orm)];
    const policy = { perSecond: 0.001, burst: 200 };
    const decisions = await Promise.all(Array.from({ length: 600 }, (_, i) => instances[i % 3]!.consume('webhook:x', policy)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(200);
  });

  it('takes a busy key\'s next lease while half of the current one is left, and loses none of it', async () => {
    const { orm } = await startTestOrm();
    const limiter = new PostgresRateLimiter(orm, { leaseSize: 20 });
    const policy = { perSecond: 0.001, burst: 1000 };
    const bucket = () => tokensIn(orm, 'phone:busy');
    for (let i = 0; i < 10; i++) expect((await limiter.consume('phone:busy', policy)).allowed).toBe(true);
    expect(Math.round((await bucket())!)).toBe(980);
    // The 11th call leaves 9 of 20: the next lease is taken in the background, nobody waits for it.
    expect((await limiter.consume('phone:busy', policy)).allowed).toBe(true);
    await eventually(bucket, (tokens) => Math.round(tokens!) === 960, 5_000, 'the early lease');
    // 9 left of the first lease and 20 of the second; at half again, one more lease at most is taken early.
    for (let i = 0; i < 29; i++) expect((await limiter.consume('phone:busy', policy)).allowed).toBe(true);
    expect(Math.round((await bucket())!)).toBeGreaterThanOrEqual(940);
    // Exact one-token buckets never take early.
    const exact = { perSecond: 0.001, burst: 5 };
    for (let i = 0; i < 5; i++) expect((await limiter.consume('user:exact', exact)).allowed).toBe(true);
    expect((await limiter.consume('user:exact', exact)).allowed).toBe(false);
  });

  it('gives an expired lease\'s unspent tokens back to the bucket with the next take', async () => {
    const { orm } = await startTestOrm();
    let now = Date.now();
    const limiter = new PostgresRateLimiter(orm, { now: () => now });
    // Meta's pair limit: 45 at once, one per 6 s; a lease of 4, of which each send spends one.
    const policy = { perSecond: 1 / 6, burst: 45 };
    const tokens = async () => (await tokensIn(orm, 'pair:slow'))!;
    expect((await limiter.consume('pair:slow', policy)).allowed).toBe(true);
    expect(Math.floor(await tokens())).toBe(41);
    for (let i = 0; i < 20; i++) {
      now += 1_001; // the lease has expired: 3 of its 4 tokens were not spent
      expect((await limiter.consume('pair:slow', policy)).allowed).toBe(true);
    }
    // 21 sends took 21 tokens (and refills of a few seconds), not 84: 45 - 21 - 3 still leased = 21 and up.
    expect(await tokens()).toBeGreaterThanOrEqual(21);
    expect(await tokens()).toBeLessThan(25);
  });

  it('leases a twentieth of a second of a fast policy at once, and never more than a tenth of its burst', async () => {
    const { orm } = await startTestOrm();
    const limiter = new PostgresRateLimiter(orm);
    const tokensOf = async (key: string) => Math.round((await tokensIn(orm, key))!);
    await limiter.consume('phone:fast', { perSecond: 1000, burst: 1000 });
    expect(await tokensOf('phone:fast')).toBe(950);
    await limiter.consume('phone:capped', { perSecond: 1000, burst: 300 });
    expect(await tokensOf('phone:capped')).toBe(270);
  });

  it('takes the leases of many buckets of one policy in one statement, each bucket counted on its own', async () => {
    const { orm } = await startTestOrm();
    const limiter = new PostgresRateLimiter(orm);
    const policy = { perSecond: 0.001, burst: 3 };
    const keys = Array.from({ length: 20 }, (_, i) => `pair:p:${i}`);
    // Each key asked four times at once: three allowed (the burst), the fourth refused.
    const decisions = await Promise.all(keys.flatMap((key) => [0, 1, 2, 3].map(() => limiter.consume(key, policy))));
    for (let k = 0; k < keys.length; k++) {
      expect(decisions.slice(k * 4, k * 4 + 4).map((d) => d.allowed)).toEqual([true, true, true, false]);
    }
    const writers = (await orm.em.getConnection().execute(
      `select count(distinct xmin::text)::int as n from whatsapp_connect.rate_limit_buckets where key like 'pair:p:%'`,
    )) as Array<{ n: number }>;
    // The twenty buckets were written together (a row's xmin is the statement's transaction), not one by one.
    expect(writers[0]!.n).toBeLessThanOrEqual(2);
  });
});

describe('mutation rate limit', () => {
  it('answers RATE_LIMITED with retryAfterSeconds per user, across instances', async () => {
    const env = { RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: '2' };
    const first = await startTestApp(env);
    const second = await startTestApp(env, { databaseUrl: first.databaseUrl });
    const userId = newUserId();
    const authorization = await first.tokenFor(userId);
    const mutate = (url: string, auth = authorization) =>
      postGraphQL(url, DeleteCredentialDocument, { variables: { id: newUserId() }, authorization: auth });

    expect((await mutate(first.graphqlUrl)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await mutate(second.graphqlUrl)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const limited = await mutate(first.graphqlUrl);
    expect(limited.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Another user has a bucket of their own.
    expect((await mutate(first.graphqlUrl, await first.tokenFor(newUserId()))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('Pacer', () => {
  it('queues callers until capacity frees up instead of failing them', async () => {
    const { orm } = await startTestOrm();
    const waits: number[] = [];
    const pacer = new Pacer(new PostgresRateLimiter(orm), (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, ms));
    });
    const policy = { perSecond: 20, burst: 2 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await pacer.acquire('phone:1', policy, 60_000));
    expect(results.slice(0, 2)).toEqual([0, 0]);
    expect(results.slice(2).every((waited) => waited > 0)).toBe(true);
    expect(waits.every((ms) => ms > 0 && ms <= 100)).toBe(true);
  });

  it('gives up past the allowed wait with the time to the next slot', async () => {
    const { orm } = await startTestOrm();
    const pacer = new Pacer(new PostgresRateLimiter(orm));
    for (let i = 0; i < 45; i++) await pacer.acquire('pair:1:2', PAIR_RATE_POLICY, 0);
    await expect(pacer.acquire('pair:1:2', PAIR_RATE_POLICY, 1000)).rejects.toMatchObject({ name: 'PacingTimeoutError' });
  });
});

test('idle buckets, full again, are deleted; active ones stay', async () => {
  const { orm } = await startTestOrm();
  const limiter = new PostgresRateLimiter(orm);
  await limiter.consume('pair:idle', PAIR_RATE_POLICY);
  await limiter.consume('pair:active', PAIR_RATE_POLICY);
  await orm.em.getConnection().execute(
    "update whatsapp_connect.rate_limit_buckets set updated_at = clock_timestamp() - interval '2 hours' where key = 'pair:idle'",
  );
  expect(await limiter.deleteIdle(3600)).toBe(1);
  const keys = (await orm.em.getConnection().execute('select key from whatsapp_connect.rate_limit_buckets')) as Array<{ key: string }>;
  expect(keys.map((k) => k.key)).toEqual(['pair:active']);
});
