import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../identity';
import type { Logger } from '../observability/logger';

/**
 * What every resolver receives for one operation: a unit of work of its own, the caller, and a logger.
 * Only what belongs to the request: resolvers get their domain's services from the composition root
 * (src/app/resolvers.ts), so this kit knows no domain.
 */
export interface GraphQLContext {
  em: EntityManager;
  viewer: Viewer | null;
  requestId: string;
  /** The TCP peer: the gateway, behind a federated graph. */
  remoteAddress?: string;
  logger: Logger;
}
