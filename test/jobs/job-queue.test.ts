import { JobQueue } from '../../src/platform/jobs';
import { createLogger } from '../../src/platform/observability/logger';
import { createDeferred } from '../support/deferred';
import { onDispose } from '../support/leftovers';
import { startTestOrm } from '../support/test-database';

const logger = createLogger('silent');

// This file's queues: their settings are stated once, as the app states its own in queueSettings.
const queues = {
  flaky: { retryLimit: 1, retryDelaySeconds: 1 },
  outbox: { retryLimit: 5 },
  backlog: { retryLimit: 5, concurrency: 2 },
};

async function startQueue(databaseUrl: string, pollingIntervalSeconds = 0.5): Promise<JobQueue> {
  const queue = await JobQueue.start({ connectionString: databaseUrl, schema: 'whatsapp_connect_jobs', logger, pollingIntervalSeconds, queues });
  onDispose(() => queue.stop());
  return queue;
}

describe('JobQueue', () => {
  it('runs a job, and retries it after a failure as its queue\'s settings say, telling the last attempt', async () => {
    const { databaseUrl } = await startTestOrm();
    const queue = await startQueue(databaseUrl);
    const attempts: Array<[number, boolean]> = [];
    const done = createDeferred<Array<[number, boolean]>>();
    await queue.define<{ n: number }>('flaky', async (job) => {
      attempts.push([job.retryCount, job.lastAttempt]);
      if (job.retryCount === 0) throw new Error('transient');
      done.resolve(attempts);
    });
    await queue.send('flaky', { n: 1 });
    await expect(done.promise).resolves.toEqual([
      [0, false],
      [1, true],
    ]);
  });

  it('refuses workers for a queue that has no settings', async () => {
    const { databaseUrl } = await startTestOrm();
    const queue = await startQueue(databaseUrl);
    await expect(queue.define('unlisted', async () => undefined)).rejects.toThrow('queue unlisted has no settings');
  });

  it('enqueues inside a transaction only when it commits', async () => {
    const { orm, databaseUrl } = await startTestOrm();
    const queue = await startQueue(databaseUrl);
    const seen: string[] = [];
    const committed = createDeferred();
    await queue.define<{ label: string }>('outbox', async (job) => {
      seen.push(job.data.label);
      if (job.data.label === 'committed') committed.resolve();
    });

    await orm.em
      .fork()
      .transactional(async (em) => {
        await queue.send('outbox', { label: 'rolled-back' }, { em });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await orm.em.fork().transactional(async (em) => {
      await queue.send('outbox', { label: 'committed' }, { em });
    });

    await committed.promise;
    expect(seen).toEqual(['committed']);
  });

  it('drains a backlog queued in one transaction without waiting for the poll', async () => {
    const { orm, databaseUrl } = await startTestOrm();
    // A poll of a minute: only waking each other can finish the backlog within the test's timeout.
    const queue = await startQueue(databaseUrl, 60);
    const total = 12;
    const seen = new Set<number>();
    const drained = createDeferred();
    await queue.define<{ n: number }>('backlog', async (job) => {
      seen.add(job.data.n);
      if (seen.size === total) drained.resolve();
    });
    // One transaction, one NOTIFY (PostgreSQL folds identical ones), as a webhook batch queues its jobs.
    await orm.em.fork().transactional(async (em) => {
      for (let n = 0; n < total; n++) await queue.send('backlog', { n }, { em });
    });
    await drained.promise;
    expect(seen.size).toBe(total);
  });
});
