import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../graphql/app-services';
import type { GraphQLContext } from '../graphql/context';
import { requireViewer } from '../graphql/viewer-guards';
import type { Viewer } from '../identity';
import type { Logger } from '../observability/logger';

/** What a credential use case needs from its caller: no HTTP, no GraphQL. */
export interface CommandContext {
  em: EntityManager;
  viewer: Viewer;
  requestId: string;
  logger: Logger;
  services: AppServices;
}

/** A resolver's context as a use case's: the caller must be signed in. */
export function commandContextOf(ctx: GraphQLContext): CommandContext {
  return { ...ctx, viewer: requireViewer(ctx) };
}
