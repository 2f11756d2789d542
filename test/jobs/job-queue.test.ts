import { JobQueue } from '../../src/jobs';
import { createLogger } from '../../src/observability/logger';
import { createDeferred } from '../support/deferred';
import { onDispose } from '../support/leftovers';
import { startTestOrm } from '../support/test-database';

const logger = createLogger('silent');

async function startQueue(databaseUrl: string): Promise<JobQueue> {
  const queue = await JobQueue.start({ connectionString: databaseUrl, schema: 'whatsapp_connect_jobs', logger, pollingIntervalSeconds: 0.5 });
  onDispose(() => queue.stop());
  return queue;
}

describe('JobQueue', () => {
  it('runs a job, and retries it after a failure', async () => {
    const { databaseUrl } = await startTestOrm();
    const queue = await startQueue(databaseUrl);
    const attempts: number[] = [];
    const done = createDeferred<number[]>();
    await queue.define<{ n: number }>('flaky', { retryLimit: 2, retryDelaySeconds: 1 }, async (job) => {
      attempts.push(job.retryCount);
      if (job.retryCount === 0) throw new Error('transient');
      done.resolve(attempts);
    });
    await queue.send('flaky', { n: 1 });
    await expect(done.promise).resolves.toEqual([0, 1]);
  });

  it('enqueues inside a transaction only when it commits', async () => {
    const { orm, databaseUrl } = await startTestOrm();
    const queue = await startQueue(databaseUrl);
    const seen: string[] = [];
    const committed = createDeferred();
    await queue.define<{ label: string }>('outbox', {}, async (job) => {
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
});
