/**
 * Every background queue, in one place so that an operator can see the plugin's whole job surface and
 * no two domains pick the same name. Payloads carry ids only; handlers reload state from the database.
 */
export const QueueName = {
  /** { credentialId }: subscribe the app, set the callback override, read it back. */
  WebhookConfigure: 'webhook-configure',
  /** { credentialId }: one credential's health check (singleton per credential). */
  CredentialHealthCheck: 'credential-health-check',
  /** {}: the periodic fan-out that enqueues a jittered check of every credential. */
  CredentialHealthSweep: 'credential-health-sweep',
  /** { credentialId, previousStatus, status, reason }: the owner's e-mail alert of a status change. */
  CredentialAlertEmail: 'credential-alert-email',
  /** { messageId }: an inbound message's agent work (welcome, business hours, agent runtime reply). */
  AgentInbound: 'agent-inbound',
  /** { userId }: rewrap a user's ciphertexts after a key rotation, then raise the minimum version. */
  KeyRewrap: 'key-rewrap',
  /** {}: hourly removal of idle (full again) rate-limit buckets. */
  RateLimitCleanup: 'rate-limit-cleanup',
  /** { runId }: the admin's rotate-every-user's-key run. */
  KeyRotateAll: 'key-rotate-all',
  /** {}: bring the platform's shared credential row in line with PLATFORM_WHATSAPP_* (start-up). */
  PlatformCredentialSync: 'platform-credential-sync',
  /** {}: daily key lifecycle (rotate keys past KEY_MAX_AGE_DAYS, bind old rows, re-wrap under the new master key). */
  KeyMaintenance: 'key-maintenance',
  /** {}: daily deletion of audit entries older than AUDIT_RETENTION_DAYS, in bounded batches. */
  AuditRetention: 'audit-retention',
  /** { credentialId }: read the business account's message templates from Meta (singleton per credential). */
  TemplateSync: 'whatsapp-template-sync',
  /** {}: hourly; queues a template sync of every credential not synced for a few hours. */
  TemplateSyncSweep: 'whatsapp-template-sync-sweep',
  /** { credentialId, kind }: publish the failures that waited for their alert window to end (stately per key). */
  FailureAlertFlush: 'whatsapp-failure-alert-flush',
  /** {}: daily; e-mails each owner who asked for it the failures of the past day. */
  FailureAlertDigest: 'whatsapp-failure-alert-digest',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/**
 * Each queue's policy and retries, created at start-up before any worker or sender runs, so a job can be
 * enqueued (say, by the connect transaction) even on an instance that does not work that queue.
 */
export const QUEUE_SETTINGS: Record<
  QueueName,
  { policy?: 'standard' | 'singleton' | 'stately'; retryLimit?: number; retryDelaySeconds?: number; retryDelayMaxSeconds?: number; expireInSeconds?: number }
> = {
  [QueueName.WebhookConfigure]: { policy: 'stately', retryLimit: 8, retryDelaySeconds: 5 },
  [QueueName.CredentialHealthCheck]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 30 },
  [QueueName.CredentialHealthSweep]: { policy: 'singleton', retryLimit: 1 },
  [QueueName.CredentialAlertEmail]: { retryLimit: 8, retryDelaySeconds: 30 },
  // Failures that waiting fixes: exponential backoff from 1 s up to 5 min, about a quarter of an hour in all.
  [QueueName.AgentInbound]: { retryLimit: 10, retryDelaySeconds: 1, retryDelayMaxSeconds: 300 },
  [QueueName.RateLimitCleanup]: { policy: 'singleton', retryLimit: 1 },
  // One rewrap per user at a time; at most one queued and one active step of a rotate-all run.
  [QueueName.KeyRewrap]: { policy: 'singleton', retryLimit: 8, retryDelaySeconds: 2, expireInSeconds: 900 },
  [QueueName.KeyRotateAll]: { policy: 'stately', retryLimit: 8, retryDelaySeconds: 2 },
  // Meta unreachable at start-up: keep trying for about an hour (backoff), then the next start tries again.
  [QueueName.PlatformCredentialSync]: { policy: 'singleton', retryLimit: 12, retryDelaySeconds: 5 },
  [QueueName.KeyMaintenance]: { policy: 'singleton', retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 3600 },
  [QueueName.AuditRetention]: { policy: 'singleton', retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 3600 },
  // Meta unreachable or throttling (200 management calls an hour): back off; the sweep tries again later anyway.
  [QueueName.TemplateSync]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 60 },
  [QueueName.TemplateSyncSweep]: { policy: 'singleton', retryLimit: 1 },
  [QueueName.FailureAlertFlush]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 5 },
  // A digest that could not be sent (SMTP away) is tried again within the hour; its counts wait meanwhile.
  [QueueName.FailureAlertDigest]: { policy: 'singleton', retryLimit: 6, retryDelaySeconds: 60, retryDelayMaxSeconds: 600 },
};

/**
 * The attempts after the first that a queue's jobs get, for a handler that must know its last attempt:
 * read from QUEUE_SETTINGS, so the policy is stated once.
 */
export function retryLimitOf(queue: QueueName): number {
  const limit = QUEUE_SETTINGS[queue].retryLimit;
  if (limit === undefined) throw new Error(`queue ${queue} states no retry limit in QUEUE_SETTINGS`);
  return limit;
}
