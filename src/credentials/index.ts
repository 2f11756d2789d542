export { WhatsAppCredential, SecretsBinding } from './whatsapp-credential.entity';
export { CredentialStatus, CredentialStatusReason, statusForReason } from './credential-status';
export { CredentialTopic, type CredentialEvents, type CredentialHealthChanged } from './credential-events';
export {
  readCredentialSecrets,
  writeCredentialSecrets,
  credentialSecretLocation,
  CredentialSecretsUnreadableError,
  SECRET_COLUMNS,
  type CredentialSecrets,
} from './credential-secrets';
export { CredentialLifecycle } from './credential-lifecycle';
export { inspectCredential, CredentialRejectedError, type CredentialFacts } from './inspect-credential';
export {
  checkCredentialHealth,
  sweepCredentialHealth,
  requestCredentialHealthCheck,
  registerHealthCheckJobs,
  isMetaUnavailable,
} from './health-check';
export { registerAlertEmailJobs } from './alert-email';
export { recordHealthVerdict, announceHealthChange, type HealthVerdict, type HealthChange } from './credential-health';
export { applyQualityUpdates, type QualityUpdateRow } from './quality-webhooks';
export { applyAccountUpdates, type AccountUpdateRow, type AccountEffect } from './account-webhooks';
export { QualityWarning } from './quality-warning';
export { CredentialCircuitBreaker, DEFAULT_CIRCUIT_POLICY, type CircuitPolicy } from './circuit-breaker';
export { CircuitState } from './circuit-state';
export {
  CredentialSource,
  UserCredentialSource,
  PlatformCredentialState,
  PLATFORM_OWNER_ID,
  platformStateOf,
  credentialSourceOf,
  platformCredentialOf,
  assertPlatformOpenForNewUse,
  type PlatformDefault,
} from './credential-source';
export { auditedOperation, toCredentialPublicError } from './credential-errors';
export { commandContextOf, type CommandContext } from './command-context';
export { ownCredential } from './own-credential';
export type { CredentialServices } from './credential-services';
