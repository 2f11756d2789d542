import { Client } from 'pg';
import { JobQueue } from '../../src/platform/jobs';
import { createLogger } from '../../src/platform/observability/logger';
import { createDeferred } from '../support/deferred';
import { eventually } from '../support/eventually';
import { onDispose } from '../support/leftovers';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';

jest.setTimeout(120_000);

const SCHEMA = 'whatsapp_connect_jobs';
// Far beyond the test's waits: a job that finishes here was settled by the worker, not by pg-boss's expiry.
const EXPIRY_SECONDS = 3_600;

async function jobState(url: string, id: string): Promise<{ state: string; retryCount: number } | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; retryCount: number }>(`select state, retry_count as "retryCount" from ${SCHEMA}.job where id = $1`, [id]);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** A queue whose one job restarts PostgreSQL under itself, then succeeds or fails as `outcome` says. */
async function jobCaughtByRestart(postgres: PrivatePostgres, outcome: 'succeeds' | 'fails') {
  const queues = { [`restart-${outcome}`]: { retryLimit: 3, retryDelaySeconds: 1, expireInSeconds: EXPIRY_SECONDS } };
  const queue = await JobQueue.start({ connectionString: postgres.url, schema: SCHEMA, logger: createLogger('silent'), pollingIntervalSeconds: 0.5, queues });
  onDispose(() => queue.stop());
  const attempts: number[] = [];
  const firstAttemptEnded = createDeferred();
  const secondAttempt = createDeferred<number>();
  await queue.define<{ n: number }>(`restart-${outcome}`, async (job) => {
    attempts.push(job.retryCount);
    if (job.retryCount > 0) return secondAttempt.resolve(job.retryCount);
    await postgres.stop('fast');
    firstAttemptEnded.resolve();
    if (outcome === 'fails') throw new Error('the database went away');
  });
  const id = (await queue.send(`restart-${outcome}`, { n: 1 }))!;
  await firstAttemptEnded.promise;
  await postgres.start();
  return { id, attempts, secondAttempt: secondAttempt.promise };
}

test('a job that succeeded while PostgreSQL went away is recorded completed once it is back, and not run again', async () => {
  const postgres = await startPrivatePostgres();
  const { id, attempts } = await jobCaughtByRestart(postgres, 'succeeds');
  const settled = await eventually(() => jobState(postgres.url, id), (job) => job?.state === 'completed', 60_000, 'the job to be recorded completed');
  expect(settled).toEqual({ state: 'completed', retryCount: 0 });
  expect(attempts).toEqual([0]);
});

test('a job that failed because PostgreSQL went away is retried as soon as it is back, not when it expires', async () => {
  const postgres = await startPrivatePostgres();
  const { id, attempts, secondAttempt } = await jobCaughtByRestart(postgres, 'fails');
  await expect(secondAttempt).resolves.toBe(1);
  await eventually(() => jobState(postgres.url, id), (job) => job?.state === 'completed', 60_000, 'the retried job to complete');
  expect(attempts).toEqual([0, 1]);
});
