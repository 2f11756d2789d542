import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../identity';
import type { Logger } from '../observability/logger';
import type { AppServices } from './app-services';

/** What every resolver receives: a unit of work of its own, the caller, and the wired services. */
export interface GraphQLContext {
  em: EntityManager;
  viewer: Viewer | null;
  requestId: string;
  /** The TCP peer: the gateway, behind a federated graph. */
  remoteAddress?: string;
  logger: Logger;
  services: AppServices;
}
