import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventBus } from '../events';
import type { GraphQLContext } from '../graphql/context';
import type { JobQueue } from '../jobs';
import type { KeyService } from '../keys';
import type { Logger } from '../observability/logger';
import type { WhatsAppClient } from '../whatsapp';
import type { TemplateEvents } from './template-events';

/** What the templates domain is built with; the composition root (src/app) hands it in. */
export interface TemplateServices {
  orm: MikroORM;
  keys: KeyService;
  whatsapp: WhatsAppClient;
  eventBus: EventBus<TemplateEvents>;
  jobs: JobQueue;
  logger: Logger;
}

/** A resolver's context in this domain. */
export type TemplateContext = GraphQLContext<TemplateServices>;
