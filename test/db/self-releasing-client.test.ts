import { Kysely, PostgresDialect, sql } from 'kysely';
import { Client, Pool } from 'pg';
import { SelfReleasingClient } from '../../src/platform/db/self-releasing-client';
import { eventually } from '../support/eventually';
import { createTestDatabase } from '../support/test-database';

/** Settles with `fallback` if `promise` has not settled within `ms` (a hang would otherwise stall the suite). */
function within<T>(promise: Promise<T>, ms: number, fallback: string): Promise<T | string> {
  return Promise.race([promise, new Promise<string>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

test('a transaction whose connection died gives its pool slot back, so the pool serves again and closes', async () => {
  const url = await createTestDatabase();
  const pool = new Pool({ connectionString: url, max: 1, Client: SelfReleasingClient });
  // As MikroORM does: a dropped connection is reported as an 'error' event, fatal without a listener.
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', () => undefined);
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const trx = await db.startTransaction().execute();
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    // What a server restart does to every connection of the pool.
    await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    await expect(sql`select 1`.execute(trx)).rejects.toThrow();
    await expect(trx.rollback().execute()).rejects.toThrow();

    // kysely never releases that connection itself; with one slot, this would wait forever.
    const answer = await within(sql<{ one: number }>`select 1 as one`.execute(db).then((r) => r.rows[0]!.one), 10_000, 'pool exhausted');
    expect(answer).toBe(1);
    expect(await within(db.destroy().then(() => 'closed'), 10_000, 'close hung')).toBe('closed');
  } finally {
    await admin.end();
  }
});

test('a live connection is left alone when a query on it fails', async () => {
  const pool = new Pool({ connectionString: await createTestDatabase(), max: 1, Client: SelfReleasingClient });
  const client = await pool.connect();
  await expect(client.query('select * from no_such_table')).rejects.toThrow(/no_such_table/);
  expect((await client.query<{ one: number }>('select 1 as one')).rows[0]!.one).toBe(1);
  client.release();
  expect(pool.totalCount).toBe(1);
  await pool.end();
});

test('a query cut off by a FATAL error gives its pool slot back at once, before anything else runs on it', async () => {
  const url = await createTestDatabase();
  const pool = new Pool({ connectionString: url, max: 1, Client: SelfReleasingClient });
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', () => undefined);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const client = await pool.connect();
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    // A server shutting down sends each running query 57P01 (FATAL) before it closes the socket; kysely
    // never touches a connection again after its BEGIN failed that way.
    const running = client.query('select pg_sleep(30)');
    // Terminating it before it runs would hit an idle session (pg_stat_activity announces nothing).
    await eventually(
      () => admin.query<{ state: string }>('select state from pg_stat_activity where pid = $1', [pid]),
      ({ rows }) => rows[0]?.state === 'active',
      10_000,
      'the query to be running',
    );
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await expect(running).rejects.toMatchObject({ code: '57P01', severity: 'FATAL' });

    const answer = await within(pool.query<{ one: number }>('select 1 as one').then((r) => r.rows[0]!.one), 10_000, 'pool exhausted');
    expect(answer).toBe(1);
    expect(await within(pool.end().then(() => 'closed'), 10_000, 'close hung')).toBe('closed');
  } finally {
    await admin.end();
  }
});

