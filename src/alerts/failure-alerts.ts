import { setImmediate as nextTurn } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventBus } from '../platform/events';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { Logger } from '../platform/observability/logger';
import { FailureAlertTopic, type FailureAlertEvents } from './failure-alert-events';
import type { FailureAlertKind } from './failure-alert-kind';
import { flushDue, recordFailures, type FailureObservation } from './failure-alert-store';

export interface FailureAlertsOptions {
  orm: MikroORM;
  eventBus: EventBus<FailureAlertEvents>;
  jobs: JobQueue;
  logger: Logger;
  /** At most one event per credential and kind in this many seconds (FAILURE_ALERT_WINDOW_SECONDS). */
  windowSeconds: number;
}

interface FlushJob {
  credentialId: string;
  kind: FailureAlertKind;
}

/**
 * Failure alerts for owners: callers report failures as they happen (a batch at a time), and owners get
 * at most one event per credential and kind per window, carrying the count since the previous one. The
 * counting lives in PostgreSQL (failure-alert-store.ts), so several instances share one window; the
 * failures a window holds back are published by a job at its end.
 */
export class FailureAlerts {
  private queued: FailureObservation[] = [];
  private flush: Promise<void> | null = null;

  constructor(private readonly options: FailureAlertsOptions) {}

  /**
   * Counts failures, then publishes the events that are due. The failures reported during one turn of
   * the event loop (an inbox batch, or many sends failing at once) are written together in one
   * statement, so a burst costs one upsert, not one per failure. Called after the caller's commit: an
   * alert is advice, so a failure here is logged and never undoes the work it describes.
   */
  record(observations: FailureObservation[]): Promise<void> {
    if (observations.length === 0) return Promise.resolve();
    this.queued.push(...observations);
    this.flush ??= nextTurn().then(() => {
      const batch = this.queued;
      this.queued = [];
      this.flush = null;
      return this.write(batch);
    });
    return this.flush;
  }

  private async write(observations: FailureObservation[]): Promise<void> {
    const { orm, eventBus, jobs, logger, windowSeconds } = this.options;
    try {
      const outcome = await recordFailures(orm.em.fork(), observations, windowSeconds);
      for (const event of outcome.due) eventBus.publish(FailureAlertTopic.Failure, event.userId, event);
      for (const { credentialId, kind, windowEnd } of outcome.waiting) {
        await jobs.send<FlushJob>(QueueName.FailureAlertFlush, { credentialId, kind }, { singletonKey: `${credentialId}:${kind}`, startAfter: windowEnd });
      }
    } catch (error) {
      logger.warn({ err: error, observations: observations.length }, 'could not record failure alerts');
    }
  }

  /** The job that publishes what waited for the end of a window (any window that is over, in fact). */
  async registerJobs(): Promise<void> {
    const { orm, eventBus, jobs, windowSeconds } = this.options;
    await jobs.define<FlushJob>(QueueName.FailureAlertFlush, async () => {
      for (const event of await flushDue(orm.em.fork(), windowSeconds)) eventBus.publish(FailureAlertTopic.Failure, event.userId, event);
    });
  }
}
