import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { EventBus } from '../platform/events';
import type { JobQueue } from '../platform/jobs';
import type { Mailer } from '../adapters/email';
import type { KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import type { Metrics } from '../platform/observability/metrics';
import type { WhatsAppClient } from '../adapters/whatsapp';
import type { CredentialEvents } from './credential-events';
import type { CredentialLifecycle } from './credential-lifecycle';

/** What the credentials domain is built with; the composition root (src/app) hands it in. */
export interface CredentialServices {
  config: Config;
  logger: Logger;
  /** For work outside a request (jobs): fork an EntityManager per unit of work. */
  orm: MikroORM;
  eventBus: EventBus<CredentialEvents>;
  whatsapp: WhatsAppClient;
  /** Per-user encryption of every secret a user gives us. */
  keys: KeyService;
  /** Durable background work (pg-boss). */
  jobs: JobQueue;
  /** Alert e-mails to a credential's alert address (disabled when SMTP_URL is unset). */
  mailer: Mailer;
  /** Prometheus series the domain counts into (see docs/operations.md). */
  metrics: Metrics;
  /** Hooks other domains register on credentials being connected and deleted. */
  credentialLifecycle: CredentialLifecycle;
}
