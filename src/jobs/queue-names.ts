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
  /** { runId }: the admin's rotate-every-user's-key run. */
  KeyRotateAll: 'key-rotate-all',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
