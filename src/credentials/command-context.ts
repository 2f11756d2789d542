import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../platform/graphql/context';
import { requireViewer } from '../platform/graphql/viewer-guards';
import type { Viewer } from '../platform/identity';
import type { Logger } from '../platform/observability/logger';
import type { CredentialServices } from './credential-services';

/** What a credential use case needs from its caller: no HTTP, no GraphQL. */
export interface CommandContext<Services = CredentialServices> {
  em: EntityManager;
  viewer: Viewer;
  requestId: string;
  logger: Logger;
  services: Services;
}

/** A resolver's context and its services (from its constructor) as a use case's: the caller must be signed in. */
export function commandContextOf<Services>(ctx: GraphQLContext, services: Services): CommandContext<Services> {
  return { ...ctx, viewer: requireViewer(ctx), services };
}
