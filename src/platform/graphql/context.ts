import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../identity';
import type { Logger } from '../observability/logger';

/**
 * What every resolver receives: a unit of work of its own, the caller, and a logger. Resolvers get their
 * domain's services through their constructor (src/app/resolver-container.ts); `services` remains for the
 * agents domain, whose subscription functions run without a resolver instance. It is typed by the
 * domain (AgentServices); the composition root passes one object that satisfies them all, so this kit
 * knows no domain.
 */
export interface GraphQLContext<Services = unknown> {
  em: EntityManager;
  viewer: Viewer | null;
  requestId: string;
  /** The TCP peer: the gateway, behind a federated graph. */
  remoteAddress?: string;
  logger: Logger;
  services: Services;
}
