import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeyInfo } from '../adapters/keys';
import { KeyRotationRun, KeyRotationRunState } from './key-rotation-run.entity';
import type { RewrapOutcome } from './rewrap-user-ciphertexts';
import { KeyRewrapState, UserKeyRotation } from './user-key-rotation.entity';

/**
 * The bookkeeping of rotations, shared by the single-user rotation, its rewrap job, the rotate-all run
 * and the erasure of a user. Every function runs inside the caller's transaction and locks the rows it
 * changes, so a rewrap ending is credited to its run exactly once (on the PENDING → ended transition).
 */

/** Marks the user's rewrap as pending for a rotation to `info.latestVersion`. */
export async function recordRotation(tx: EntityManager, userId: string, info: KeyInfo, runId: string | null): Promise<UserKeyRotation> {
  const existing = await tx.findOne(UserKeyRotation, userId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  // A rewrap still pending for a run stays credited to that run: the new rewrap finishes its work too.
  const keptRun = existing?.state === KeyRewrapState.PENDING ? existing.runId : null;
  const record = existing ?? tx.create(UserKeyRotation, { userId, targetVersion: info.latestVersion, rotatedAt: new Date() });
  Object.assign(record, {
    state: KeyRewrapState.PENDING,
    targetVersion: info.latestVersion,
    rotatedAt: new Date(),
    completedAt: null,
    rewrapped: 0,
    unreadable: 0,
    lastError: null,
    runId: runId ?? keptRun,
  });
  return record;
}

/**
 * Ends the user's pending rewrap. A rewrap that reached an older version than the latest rotation asked
 * for leaves the record pending: that rotation's own job finishes it.
 */
export async function settleRewrap(tx: EntityManager, userId: string, result: { outcome: RewrapOutcome } | { error: string }): Promise<UserKeyRotation | null> {
  const record = await tx.findOne(UserKeyRotation, userId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!record || record.state !== KeyRewrapState.PENDING) return record;
  const completed = 'outcome' in result;
  if (completed) {
    if (result.outcome.targetVersion < record.targetVersion) return record;
    Object.assign(record, {
      state: KeyRewrapState.COMPLETE,
      completedAt: new Date(),
      rewrapped: result.outcome.rewrapped,
      unreadable: result.outcome.unreadable,
      lastError: null,
    });
  } else {
    Object.assign(record, { state: KeyRewrapState.FAILED, lastError: result.error });
  }
  if (record.runId) await creditRun(tx, record.runId, completed ? 'done' : 'failed', record.lastError);
  return record;
}

/** Removes the user's rotation record (erasure); a run waiting for their rewrap counts them as done. */
export async function forgetUserRotation(tx: EntityManager, userId: string): Promise<number> {
  const record = await tx.findOne(UserKeyRotation, userId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!record) return 0;
  // Nothing of theirs is left to protect, which is what the run was waiting for.
  if (record.state === KeyRewrapState.PENDING && record.runId) await creditRun(tx, record.runId, 'done');
  tx.remove(record);
  return 1;
}

async function creditRun(tx: EntityManager, runId: string, outcome: 'done' | 'failed', error?: string | null): Promise<void> {
  const run = await tx.findOne(KeyRotationRun, runId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!run || run.state !== KeyRotationRunState.RUNNING) return;
  if (outcome === 'done') run.done += 1;
  else {
    run.failed += 1;
    run.lastError = error ?? run.lastError;
  }
  finishIfSettled(run);
}

/** A run is over once every user was visited and every rewrap it started has ended. */
export function finishIfSettled(run: KeyRotationRun): void {
  if (run.state !== KeyRotationRunState.RUNNING || !run.visitedAllAt) return;
  if (run.done + run.failed < run.visited) return;
  run.state = KeyRotationRunState.COMPLETED;
  run.finishedAt = new Date();
}
