import type { CredentialStatus, CredentialStatusReason } from './credential-status';

/** The topics the credentials domain publishes on the event bus. */
export enum CredentialTopic {
  Health = 'CREDENTIAL_HEALTH',
}

export interface CredentialHealthChanged {
  credentialId: string;
  userId: string;
  previousStatus: CredentialStatus;
  status: CredentialStatus;
  reason: CredentialStatusReason;
  occurredAt: string;
  /**
   * Set on a quality warning (rating dropped to RED, number flagged, messaging limit lowered): the status
   * may be unchanged, and the number keeps sending unless Meta blocks it.
   */
  warning?: string;
  /** The warning in words, for the owner. */
  message?: string | null;
}

/** Topic → [the id a subscriber filters on, payload]: this domain's part of the bus's event map. */
export type CredentialEvents = {
  [CredentialTopic.Health]: [userId: string, event: CredentialHealthChanged];
};
