import type { FailureAlertKind } from './failure-alert-kind';

/** The topics the alerts domain publishes on the event bus. */
export enum FailureAlertTopic {
  Failure = 'FAILURE_ALERT',
}

/** One alert event: the failures of one kind on one credential since the previous event of that kind. */
export interface FailureAlertEvent {
  userId: string;
  credentialId: string;
  kind: FailureAlertKind;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  errorCode: string | null;
  reason: string | null;
}

/** Topic → [the id a subscriber filters on, payload]: this domain's part of the bus's event map. */
export type FailureAlertEvents = {
  [FailureAlertTopic.Failure]: [userId: string, event: FailureAlertEvent];
};
