import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { EventBus } from '../platform/events';
import type { JobQueue } from '../platform/jobs';
import type { KeyService } from '../adapters/keys';
import type { MessageEvents } from '../messaging';
import type { CredentialEvents } from '../credentials';
import type { TemplateEvents } from '../templates';
import type { Logger } from '../platform/observability/logger';
import type { PostgresRateLimiter } from '../rate-limits';
import type { WhatsAppClient } from '../adapters/whatsapp';
import type { WebhookEvents } from './webhook-events';

/** What the webhooks domain is built with; the composition root (src/app) hands it in. */
export interface WebhookServices {
  config: Config;
  logger: Logger;
  orm: MikroORM;
  /** Stored messages are announced to subscribers; stored deliveries wake the processing instances. */
  eventBus: EventBus<MessageEvents & WebhookEvents & TemplateEvents & CredentialEvents>;
  whatsapp: WhatsAppClient;
  keys: KeyService;
  jobs: JobQueue;
  /** Token buckets shared by every instance (per webhook endpoint here). */
  rateLimiter: PostgresRateLimiter;
  /** Filled in once the server listens (the port may be chosen by the OS). */
  publicUrls: { webhookBase: string };
}
