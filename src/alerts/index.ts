export type { AlertServices } from './alert-services';
export { FailureAlertKind } from './failure-alert-kind';
export type { FailureAlertEvents } from './failure-alert-events';
export type { FailureObservation } from './failure-alert-store';
export { FailureAlerts } from './failure-alerts';
export { FailureAlertsResolver } from './failure-alerts.resolver';
export { failureReasonOf } from './failure-reasons';
export { registerFailureDigestJob } from './failure-digest';
