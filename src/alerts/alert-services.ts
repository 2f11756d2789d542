import type { Mailer } from '../adapters/email';
import type { FailureAlerts } from './failure-alerts';

/** What the alerts domain needs from the composition root, beyond the GraphQL context's ORM. */
export interface AlertServices {
  /** Where other domains report failures; owners hear of them on whatsAppFailureAlerts. */
  failureAlerts: FailureAlerts;
  /** The daily failure digest goes out through it (disabled when SMTP_URL is unset). */
  mailer: Mailer;
}
