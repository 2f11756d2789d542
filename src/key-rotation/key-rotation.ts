import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AuditOutcome, auditSeparately, auditWithin, type AuditActor } from '../audit';
import { QueueName, type JobContext, type JobQueue } from '../platform/jobs';
import { KeyNotFoundError, type KeyInfo, type KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import type { CiphertextRegistry } from './ciphertext-columns';
import { KeyRotationJobError } from './job-errors';
import { KeyRotationRun } from './key-rotation-run.entity';
import { rewrapUserCiphertexts, type RewrapDependencies } from './rewrap-user-ciphertexts';
import { runRotateAllStep, startRotateAllRun, type RotateAllDependencies, type RotateAllStep } from './rotate-all-keys';
import { forgetUserRotation, recordRotation, settleRewrap } from './rotation-records';
import { UserKeyInfo } from './user-key-info.type';
import { UserKeyRotation } from './user-key-rotation.entity';

export interface KeyRotationOptions {
  orm: MikroORM;
  keys: KeyService;
  jobs: JobQueue;
  logger: Logger;
  ciphertexts: CiphertextRegistry;
  /**
   * How long after a rotation its rewrap starts: a write that encrypted a secret just before the rotation
   * has this long to commit before older versions are retired. Usually `config.keyRotation.rewrapGraceSeconds`.
   */
  rewrapGraceSeconds: number;
  /** Rows per rewrap batch. Default 100 (up to 300 ciphertexts of credentials in one `batch_input`). */
  pageRows?: number;
  /** The daily key maintenance: rotate keys whose latest version is this many days old (0: never), on this cron. */
  maintenance?: { maxAgeDays: number; cron: string };
}

export interface KeyMaintenanceOutcome {
  /** Users whose rows written before binding were queued for the binding rewrap. */
  bindingQueued: number;
  /** Keys rotated because their latest version reached the maximum age (each followed by a rewrap). */
  rotated: number;
  /** Embedded keyring: stored key versions moved from a previous master key to the current one. */
  masterKeyRewrapped: number;
}

interface RewrapJob {
  userId: string;
}

/**
 * Key rotation: a user's key (on request), every user's key (an administrator's resumable run), and the
 * background rewrap that follows each rotation. Secrets stay readable throughout; older key versions are
 * retired only once every stored ciphertext is on the new one.
 */
export class KeyRotation {
  private readonly orm: MikroORM;
  private readonly keys: KeyService;
  private readonly jobs: JobQueue;
  private readonly logger: Logger;
  private readonly graceSeconds: number;
  /** Where the rotation looks for ciphertexts (exposed so a test can check that nothing is missing). */
  readonly ciphertexts: CiphertextRegistry;
  private readonly rewrap: RewrapDependencies;
  private readonly rotateAll: RotateAllDependencies;
  private readonly maintenance?: { maxAgeDays: number; cron: string };

  constructor(options: KeyRotationOptions) {
    this.orm = options.orm;
    this.keys = options.keys;
    this.jobs = options.jobs;
    this.logger = options.logger.child({ component: 'key-rotation' });
    this.graceSeconds = options.rewrapGraceSeconds;
    this.ciphertexts = options.ciphertexts;
    const shared = { orm: options.orm, keys: options.keys, ciphertexts: options.ciphertexts, logger: this.logger };
    this.rewrap = { ...shared, pageRows: options.pageRows ?? 100 };
    this.rotateAll = { ...shared, jobs: options.jobs, enqueueRewrap: (tx, userId) => this.enqueueRewrap(tx, userId) };
    this.maintenance = options.maintenance;
  }

  /** Starts this instance's workers for the rewrap and rotate-all queues. */
  async startWorkers(): Promise<void> {
    // Policy and retries are the queues' (queueSettings): one rewrap per user at a time, and a duplicate
    // step chain of a rotate-all run collapses into one.
    await this.jobs.define<RewrapJob>(QueueName.KeyRewrap, (job) => this.runRewrapJob(job));
    await this.jobs.define<RotateAllStep>(QueueName.KeyRotateAll, (job) => runRotateAllStep(this.rotateAll, job));
    if (this.maintenance) {
      const { maxAgeDays, cron } = this.maintenance;
      await this.jobs.define<Record<string, never>>(QueueName.KeyMaintenance, async () => {
        const outcome = await this.runMaintenance(maxAgeDays);
        this.logger.info({ ...outcome }, 'key maintenance done');
      });
      await this.jobs.schedule(QueueName.KeyMaintenance, cron, {});
    }
  }

  /**
   * The key lifecycle's daily pass: binds rows written before binding, rotates every key whose latest
   * version is `maxAgeDays` old or older (0: never; each rotation queues its rewrap, which retires the
   * older version), and moves the embedded keyring's stored keys to the current master key.
   */
  async runMaintenance(maxAgeDays: number, now: Date = new Date()): Promise<KeyMaintenanceOutcome> {
    const bindingQueued = await this.enqueueBindingRewraps();
    let rotated = 0;
    if (maxAgeDays > 0) {
      const cutoff = now.getTime() - maxAgeDays * 86_400_000;
      let after: string | null = null;
      for (;;) {
        const owners = await this.ciphertexts.ownersAfter(this.orm.em.fork(), after, 500);
        for (const userId of owners) {
          let createdAt: Date;
          try {
            createdAt = await this.keys.latestVersionCreatedAt(userId);
          } catch (error) {
            if (error instanceof KeyNotFoundError) continue;
            throw error;
          }
          if (createdAt.getTime() > cutoff) continue;
          await this.rotateUserKey('system', userId, null);
          rotated += 1;
        }
        if (owners.length < 500) break;
        after = owners[owners.length - 1]!;
      }
    }
    const { rewrapped: masterKeyRewrapped } = await this.keys.rewrapUnderCurrentMasterKey();
    return { bindingQueued, rotated, masterKeyRewrapped };
  }

  /**
   * Queues a rewrap for every user who still has rows written before ciphertexts were bound (see
   * `SecretsBinding`); the rewrap binds them. Resumable by construction: it runs at every start and a
   * bound row is never found again, so an interrupted migration simply carries on. Returns the count queued.
   */
  async enqueueBindingRewraps(): Promise<number> {
    let queued = 0;
    let after: string | null = null;
    for (;;) {
      const owners = await this.ciphertexts.unboundOwnersAfter(this.orm.em.fork(), after, 500);
      if (owners.length === 0) break;
      await this.orm.em.fork().transactional(async (tx) => {
        for (const userId of owners) await this.enqueueRewrap(tx, userId);
      });
      queued += owners.length;
      after = owners[owners.length - 1]!;
      if (owners.length < 500) break;
    }
    if (queued > 0) this.logger.info({ users: queued }, 'queued rewraps to bind secrets written before binding');
    return queued;
  }

  /** Rotates the user's key and queues the rewrap. `KeyNotFoundError` when the user has no key. */
  async rotateUserKey(actor: AuditActor, userId: string, requestId: string | null): Promise<UserKeyInfo> {
    const em = this.orm.em.fork();
    let info: KeyInfo;
    try {
      info = await this.keys.rotate(userId);
    } catch (error) {
      await auditSeparately(em, {
        actor,
        action: 'key.rotate',
        outcome: AuditOutcome.FAILURE,
        subjectUserId: userId,
        targetType: 'user_key',
        targetId: userId,
        errorCode: error instanceof Error ? error.name : null,
        requestId,
      }).catch(() => undefined);
      throw error;
    }
    const record = await em.transactional(async (tx) => {
      const rotation = await recordRotation(tx, userId, info, null);
      await this.enqueueRewrap(tx, userId);
      auditWithin(tx, {
        actor,
        action: 'key.rotate',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: userId,
        targetType: 'user_key',
        targetId: userId,
        requestId,
        details: { latestVersion: info.latestVersion },
      });
      return rotation;
    });
    return UserKeyInfo.of(userId, info, record);
  }

  /** The user's key versions and rewrap state. `KeyNotFoundError` when the user has no key. */
  async userKeyInfo(userId: string): Promise<UserKeyInfo> {
    const info = await this.keys.info(userId);
    const record = await this.orm.em.fork().findOne(UserKeyRotation, userId);
    return UserKeyInfo.of(userId, info, record);
  }

  startRotateAll(actor: AuditActor, requestId: string | null): Promise<KeyRotationRun> {
    return startRotateAllRun(this.rotateAll, actor, requestId);
  }

  /** One run, or the latest when no id is given. */
  async run(runId?: string): Promise<KeyRotationRun | null> {
    const em = this.orm.em.fork();
    if (runId) return em.findOne(KeyRotationRun, runId);
    const [latest] = await em.find(KeyRotationRun, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: 1 });
    return latest ?? null;
  }

  /** For the erasure of a user, inside its transaction. */
  forgetUser(tx: EntityManager, userId: string): Promise<number> {
    return forgetUserRotation(tx, userId);
  }

  private async enqueueRewrap(tx: EntityManager, userId: string): Promise<void> {
    await this.jobs.send<RewrapJob>(
      QueueName.KeyRewrap,
      { userId },
      { em: tx, singletonKey: userId, startAfter: this.graceSeconds > 0 ? this.graceSeconds : undefined },
    );
  }

  private async runRewrapJob(job: JobContext<RewrapJob>): Promise<void> {
    const { userId } = job.data;
    try {
      const outcome = await rewrapUserCiphertexts(this.rewrap, userId);
      await this.orm.em.fork().transactional(async (tx) => {
        const record = await settleRewrap(tx, userId, { outcome });
        auditWithin(tx, {
          actor: 'system',
          action: 'key.rewrap',
          outcome: AuditOutcome.SUCCESS,
          subjectUserId: userId,
          targetType: 'user_key',
          targetId: userId,
          details: { minDecryptionVersion: outcome.targetVersion, rewrapped: outcome.rewrapped, unreadable: outcome.unreadable, runId: record?.runId ?? null },
        });
      });
      this.logger.info({ userId, ...outcome }, 'rewrapped a user\'s secrets and retired older key versions');
    } catch (caught) {
      const error = KeyRotationJobError.from(caught);
      // Given up on the attempt pg-boss would retry no more, so the record is written (then the job completes).
      if (!error.retryable || job.lastAttempt) {
        // Older versions were not retired: every secret stays readable; the state says the rewrap gave up.
        const record = await this.orm.em.fork().transactional((tx) => settleRewrap(tx, userId, { error: error.message }));
        if (!record) {
          // The user was erased (key and rotation record gone) while the job waited: nothing is left to do.
          this.logger.info({ userId }, 'no rewrap needed: the user\'s rotation record is gone');
          return;
        }
        this.logger.error({ userId, error: error.message }, 'gave up rewrapping a user\'s secrets; their older key versions stay usable');
        return;
      }
      throw error;
    }
  }
}
