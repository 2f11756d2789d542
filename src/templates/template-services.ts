import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventBus } from '../platform/events';
import type { JobQueue } from '../platform/jobs';
import type { KeyService } from '../adapters/keys';
import type { PostgresRateLimiter } from '../rate-limits';
import type { Logger } from '../platform/observability/logger';
import type { WhatsAppClient } from '../adapters/whatsapp';
import type { TemplateEvents } from './template-events';

/** What the templates domain is built with; the composition root (src/app) hands it in. */
export interface TemplateServices {
  orm: MikroORM;
  keys: KeyService;
  whatsapp: WhatsAppClient;
  eventBus: EventBus<TemplateEvents>;
  jobs: JobQueue;
  logger: Logger;
  /** Holds the per-business-account budget of Graph calls that template syncs share. */
  rateLimiter: PostgresRateLimiter;
}
