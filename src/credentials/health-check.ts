import type { AuditActor } from '../audit';
import type { CredentialServices } from './credential-services';
import { QueueName } from '../platform/jobs';
import { GraphApiError, GraphApiUnavailableError } from '../adapters/whatsapp';
import { readCredentialSecrets } from './credential-secrets';
import { CredentialStatusReason } from './credential-status';
import {
  recordHealthVerdict,
  unreachableVerdict,
  UNREACHABLE_THRESHOLD,
  verdictFromFacts,
  verdictFromRejection,
  type HealthVerdict,
} from './credential-health';
import { CredentialRejectedError, inspectCredential } from './inspect-credential';
import { WhatsAppCredential } from './whatsapp-credential.entity';

type HealthServices = Pick<CredentialServices, 'orm' | 'jobs' | 'mailer' | 'config' | 'eventBus' | 'keys' | 'whatsapp'> & Partial<Pick<CredentialServices, 'metrics'>>;

/** Meta could not answer (network, timeout, 5xx, throttling): says nothing about the credential. */
export function isMetaUnavailable(err: unknown): boolean {
  return err instanceof GraphApiUnavailableError || (err instanceof GraphApiError && err.retryable && !err.isCredentialFailure);
}

export class MetaUnavailableDuringCheckError extends Error {
  constructor(cause: unknown) {
    super('Meta could not be reached to check the credential', { cause });
    this.name = 'MetaUnavailableDuringCheckError';
  }
}

/**
 * Asks Meta about one credential and records the verdict. With `whenUnreachable: 'count'` (scheduled
 * checks) an unreachable Meta increments a counter and only becomes the reason after
 * UNREACHABLE_THRESHOLD checks in a row; with `'throw'` (a user's on-demand revalidation) nothing changes
 * and MetaUnavailableDuringCheckError is thrown. Key-service failures always throw: the job retries.
 */
export async function checkCredentialHealth(
  services: HealthServices,
  credentialId: string,
  options: { actor: AuditActor; requestId?: string | null; whenUnreachable: 'count' | 'throw' },
): Promise<WhatsAppCredential | null> {
  const em = services.orm.em.fork();
  const credential = await em.findOne(WhatsAppCredential, { id: credentialId });
  if (!credential) return null;
  const secrets = await readCredentialSecrets(em, services.keys, credential);

  let verdict: HealthVerdict | ((current: WhatsAppCredential) => HealthVerdict | null);
  const count = (result: string) => services.metrics?.healthChecks.inc({ result });
  try {
    const facts = await inspectCredential(services.whatsapp, {
      accessToken: secrets.accessToken,
      appSecret: secrets.appSecret,
      businessAccountId: credential.businessAccountId,
      phoneNumberId: credential.phoneNumberId,
    });
    verdict = verdictFromFacts(facts, services.config.health.expiryWarningDays);
    count('healthy');
  } catch (err) {
    if (err instanceof CredentialRejectedError) {
      verdict = verdictFromRejection(err);
      count('rejected');
    } else if (isMetaUnavailable(err)) {
      count('unreachable');
      if (options.whenUnreachable === 'throw') throw new MetaUnavailableDuringCheckError(err);
      verdict = (current) => {
        current.consecutiveFailures += 1;
        current.healthCheckedAt = new Date();
        return current.consecutiveFailures >= UNREACHABLE_THRESHOLD ? unreachableVerdict(current.consecutiveFailures) : null;
      };
    } else {
      count('error');
      throw err;
    }
  }
  const asked = credential.version;
  let outdated = false;
  const recorded = await recordHealthVerdict(
    services,
    credentialId,
    (current) => {
      if (typeof verdict === 'function') return verdict(current);
      if (current.version === asked) return verdict;
      // The row changed while Meta was asked (a quality or account webhook, the owner's new token): the
      // answer may describe a limit since lowered or a token since replaced. Only the check's time is
      // written; a fresh check decides.
      outdated = true;
      current.healthCheckedAt = new Date();
      return null;
    },
    options,
  );
  if (outdated) await requestCredentialHealthCheck(services, credentialId);
  return recorded;
}

/**
 * Enqueues a check of every credential not checked within the interval, each at a random moment of the
 * next few minutes so thousands of credentials do not hit Meta at once. The `stately` queue holds at most
 * one queued check per credential, so overlapping sweeps (or several instances) never pile up checks.
 */
export async function sweepCredentialHealth(
  services: HealthServices,
  options: { now?: Date; spreadSeconds?: number } = {},
): Promise<number> {
  const { intervalMinutes } = services.config.health;
  const now = options.now ?? new Date();
  const due = new Date(now.getTime() - intervalMinutes * 60_000);
  const em = services.orm.em.fork();
  const credentials = await em.find(
    WhatsAppCredential,
    {
      statusReason: { $ne: CredentialStatusReason.SUSPENDED_BY_ADMIN },
      $or: [{ healthCheckedAt: null }, { healthCheckedAt: { $lt: due } }],
    },
    { fields: ['id'], orderBy: { healthCheckedAt: 'asc' }, limit: 5000 },
  );
  const spreadSeconds = options.spreadSeconds ?? Math.min(intervalMinutes * 60, 600);
  let queued = 0;
  for (const { id } of credentials) {
    const jobId = await services.jobs.send(
      QueueName.CredentialHealthCheck,
      { credentialId: id },
      { singletonKey: id, startAfter: Math.floor(Math.random() * spreadSeconds) },
    );
    if (jobId) queued += 1;
  }
  return queued;
}

/**
 * A failure seen while sending or receiving (a 190 from Meta, say) asks for a check now instead of
 * waiting for the next sweep. Deduplicated per credential by the queue.
 */
export async function requestCredentialHealthCheck(services: Pick<CredentialServices, 'jobs'>, credentialId: string): Promise<void> {
  await services.jobs.send(QueueName.CredentialHealthCheck, { credentialId }, { singletonKey: credentialId });
}

export async function registerHealthCheckJobs(services: HealthServices): Promise<void> {
  const { jobs } = services;
  await jobs.define<{ credentialId: string }>(QueueName.CredentialHealthCheck, async (job) => {
    await checkCredentialHealth(services, job.data.credentialId, { actor: 'system', whenUnreachable: 'count' });
  });
  await jobs.define<Record<string, never>>(QueueName.CredentialHealthSweep, async () => {
    await sweepCredentialHealth(services);
  });
  // Every minute: cheap (one indexed query), and it lets any interval down to a minute work.
  await jobs.schedule(QueueName.CredentialHealthSweep, '* * * * *', {});
}
