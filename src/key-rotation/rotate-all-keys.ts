import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AuditOutcome, auditWithin, type AuditActor } from '../audit';
import { PublicError } from '../platform/errors';
import { QueueName, type JobContext, type JobQueue } from '../platform/jobs';
import type { KeyInfo, KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import type { CiphertextRegistry } from './ciphertext-columns';
import { KeyRotationJobError } from './job-errors';
import { KeyRotationRun, KeyRotationRunState } from './key-rotation-run.entity';
import { finishIfSettled, recordRotation } from './rotation-records';

export interface RotateAllDependencies {
  orm: MikroORM;
  keys: KeyService;
  jobs: JobQueue;
  ciphertexts: CiphertextRegistry;
  logger: Logger;
  /** Enqueues the user's rewrap job inside the caller's transaction. */
  enqueueRewrap: (tx: EntityManager, userId: string) => Promise<void>;
}

export interface RotateAllStep {
  runId: string;
}

/**
 * Users one step job visits before handing over to the next: short jobs mean a stopping instance waits
 * for at most one step, and the next step is already queued for whichever instance runs next.
 */
const USERS_PER_STEP = 10;

/** Starts a run over every user who has stored secrets. CONFLICT while another run is RUNNING. */
export async function startRotateAllRun(deps: RotateAllDependencies, actor: AuditActor, requestId: string | null): Promise<KeyRotationRun> {
  const em = deps.orm.em.fork();
  const total = await deps.ciphertexts.countOwners(em);
  try {
    return await em.transactional(async (tx) => {
      const run = tx.create(KeyRotationRun, { total, startedBy: actor === 'system' ? null : actor.userId });
      if (total === 0) {
        run.visitedAllAt = new Date();
        finishIfSettled(run);
      } else {
        await deps.jobs.send<RotateAllStep>(QueueName.KeyRotateAll, { runId: run.id }, { em: tx, singletonKey: run.id });
      }
      auditWithin(tx, {
        actor,
        action: 'key.rotate-all',
        outcome: AuditOutcome.SUCCESS,
        targetType: 'key_rotation_run',
        targetId: run.id,
        requestId,
        details: { total },
      });
      return run;
    });
  } catch (error) {
    // The partial unique index allows one RUNNING run.
    if (error instanceof UniqueConstraintViolationException) {
      throw PublicError.conflict('A key rotation run is already in progress; follow it with whatsAppKeyRotationRun and start another once it has finished.');
    }
    throw error;
  }
}

/**
 * One step of a run: visits the next users after the cursor (rotates each key and queues its rewrap,
 * committing the cursor with it), then queues the next step. A step retried after a crash resumes at the
 * cursor; a user whose rotation happened but whose commit did not gets one extra key version, nothing worse.
 * On the queue's last attempt (the key service never came back) the run is marked FAILED.
 */
export async function runRotateAllStep(deps: RotateAllDependencies, job: JobContext<RotateAllStep>): Promise<void> {
  const { runId } = job.data;
  try {
    for (let visited = 0; visited < USERS_PER_STEP; visited += 1) {
      if (job.signal.aborted) return;
      const em = deps.orm.em.fork();
      const run = await em.findOne(KeyRotationRun, runId);
      if (!run || run.state !== KeyRotationRunState.RUNNING || run.visitedAllAt) return;
      const [userId] = await deps.ciphertexts.ownersAfter(em, run.cursor, 1);
      if (userId === undefined) {
        await finishVisiting(deps, runId, run.cursor);
        return;
      }
      await visitUser(deps, run, userId);
    }
    await deps.jobs.send<RotateAllStep>(QueueName.KeyRotateAll, { runId }, { singletonKey: runId });
  } catch (caught) {
    const error = KeyRotationJobError.from(caught);
    if (!job.lastAttempt) throw error;
    await failRun(deps, runId, error.message);
  }
}

async function visitUser(deps: RotateAllDependencies, run: KeyRotationRun, userId: string): Promise<void> {
  let info: KeyInfo | undefined;
  let failure: string | undefined;
  try {
    info = await deps.keys.rotate(userId);
  } catch (caught) {
    const error = KeyRotationJobError.from(caught);
    if (error.retryable) throw error;
    failure = error.message;
    deps.logger.warn({ runId: run.id, userId, error: failure }, 'could not rotate a user\'s key; the run goes on');
  }
  await deps.orm.em.fork().transactional(async (tx) => {
    const locked = await tx.findOne(KeyRotationRun, run.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    // Another step already moved the cursor (a duplicate delivery): leave the run to it.
    if (!locked || locked.state !== KeyRotationRunState.RUNNING || locked.cursor !== run.cursor) return;
    locked.cursor = userId;
    locked.visited += 1;
    if (info) {
      await recordRotation(tx, userId, info, run.id);
      await deps.enqueueRewrap(tx, userId);
    } else {
      locked.failed += 1;
      locked.lastError = failure ?? null;
    }
  });
}

async function finishVisiting(deps: RotateAllDependencies, runId: string, cursor: string | null): Promise<void> {
  await deps.orm.em.fork().transactional(async (tx) => {
    const run = await tx.findOne(KeyRotationRun, runId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!run || run.state !== KeyRotationRunState.RUNNING || run.cursor !== cursor) return;
    run.visitedAllAt = new Date();
    run.total = run.visited;
    finishIfSettled(run);
  });
}

async function failRun(deps: RotateAllDependencies, runId: string, reason: string): Promise<void> {
  await deps.orm.em.fork().transactional(async (tx) => {
    const run = await tx.findOne(KeyRotationRun, runId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!run || run.state !== KeyRotationRunState.RUNNING) return;
    Object.assign(run, { state: KeyRotationRunState.FAILED, finishedAt: new Date(), lastError: reason });
  });
  deps.logger.error({ runId, error: reason }, 'the key rotation run gave up; start a new run once the key service is back');
}
