import type { Config } from '../../config';

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
  /** { messageId }: copy an inbound message's file from Meta to the operator's bucket (MEDIA_STORE_S3_*). */
  MediaCopy: 'whatsapp-media-copy',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** How one queue's jobs are kept, retried and worked. */
export interface QueueSettings {
  /** `singleton`: at most one active job per singleton key; `stately`: also at most one queued. */
  policy?: 'standard' | 'singleton' | 'stately';
  /** Attempts after the first; transient failures are retried with exponential backoff. */
  retryLimit: number;
  /** The first retry's delay; it doubles with each attempt, up to `retryDelayMaxSeconds`. */
  retryDelaySeconds?: number;
  retryDelayMaxSeconds?: number;
  /** A job running longer than this is considered dead and retried elsewhere. */
  expireInSeconds?: number;
  /** Jobs of this queue that run at once in this process. */
  concurrency?: number;
  /** Jobs fetched (and run side by side) per fetch of each of the `concurrency` workers. */
  batchSize?: number;
}

/** Every queue's settings, by queue name. */
export type QueueSettingsTable = Readonly<Record<string, QueueSettings>>;

/**
 * Each queue's policy, retries and workers: the one place they are stated (a worker cannot override
 * them). The queues are created with them at start-up, before any worker or sender runs, so a job can
 * be enqueued (say, by the connect transaction) even on an instance that does not work that queue.
 * A few come from settings: the webhook configuration's attempts, the health check's concurrency, and
 * how long an agent-inbound job may run (two runtime calls and then some).
 */
export function queueSettings(config: Pick<Config, 'webhooks' | 'health' | 'agentRuntime'>): Record<QueueName, QueueSettings> {
  return {
    [QueueName.WebhookConfigure]: {
      policy: 'stately',
      retryLimit: config.webhooks.configureAttempts - 1,
      retryDelaySeconds: config.webhooks.configureRetryDelaySeconds,
      retryDelayMaxSeconds: 15 * 60,
      concurrency: 2,
    },
    [QueueName.CredentialHealthCheck]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 30, concurrency: config.health.concurrency },
    [QueueName.CredentialHealthSweep]: { policy: 'singleton', retryLimit: 1 },
    [QueueName.CredentialAlertEmail]: { retryLimit: 8, retryDelaySeconds: 30, concurrency: 2 },
    // Failures that waiting fixes: exponential backoff from 1 s up to 5 min, about a quarter of an hour in all.
    [QueueName.AgentInbound]: {
      retryLimit: 10,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 300,
      expireInSeconds: Math.ceil(config.agentRuntime.timeoutMs / 1000) * 2 + 120,
      concurrency: 2,
      batchSize: 8,
    },
    [QueueName.RateLimitCleanup]: { policy: 'singleton', retryLimit: 1 },
    // One rewrap per user at a time; at most one queued and one active step of a rotate-all run.
    [QueueName.KeyRewrap]: { policy: 'singleton', retryLimit: 8, retryDelaySeconds: 2, expireInSeconds: 900, concurrency: 2 },
    [QueueName.KeyRotateAll]: { policy: 'stately', retryLimit: 8, retryDelaySeconds: 2 },
    // Meta unreachable at start-up: keep trying for about an hour (backoff), then the next start tries again.
    [QueueName.PlatformCredentialSync]: { policy: 'singleton', retryLimit: 12, retryDelaySeconds: 5 },
    [QueueName.KeyMaintenance]: { policy: 'singleton', retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 3600 },
    [QueueName.AuditRetention]: { policy: 'singleton', retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 3600 },
    // Meta unreachable or throttling (4, 80007, 80008: the account's management calls for the hour are
    // spent): back off from a minute to half an hour, about two hours in all, so the window has passed.
    // Our own per-account budget defers a job by itself (see template-sync-budget.ts), spending no retry.
    [QueueName.TemplateSync]: { policy: 'stately', retryLimit: 8, retryDelaySeconds: 60, retryDelayMaxSeconds: 1800, concurrency: 2 },
    [QueueName.TemplateSyncSweep]: { policy: 'singleton', retryLimit: 1 },
    [QueueName.FailureAlertFlush]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 5, concurrency: 1 },
    // A digest that could not be sent (SMTP away) is tried again within the hour; its counts wait meanwhile.
    [QueueName.FailureAlertDigest]: { policy: 'singleton', retryLimit: 6, retryDelaySeconds: 60, retryDelayMaxSeconds: 600, concurrency: 1 },
    // Meta keeps the file 30 days: retry for about a day (backoff up to an hour) before giving up on a copy.
    [QueueName.MediaCopy]: { retryLimit: 30, retryDelaySeconds: 10, retryDelayMaxSeconds: 3600, expireInSeconds: 900, concurrency: 2 },
  };
}
