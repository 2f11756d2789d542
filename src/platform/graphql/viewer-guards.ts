import { PublicError } from '../errors';
import type { Viewer } from '../identity';
import type { GraphQLContext } from './context';

export function requireViewer(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw PublicError.unauthenticated();
  return ctx.viewer;
}

export function requireAdmin(ctx: GraphQLContext): Viewer {
  const viewer = requireViewer(ctx);
  if (!viewer.isAdmin) throw PublicError.forbidden('This operation is for administrators.');
  return viewer;
}

/** The viewer may act on `userId`'s data: they are that user, or (when allowed) an admin. */
export function assertOwnerOrAdmin(viewer: Viewer, userId: string, what: string, adminAllowed = true): void {
  if (viewer.userId === userId) return;
  if (adminAllowed && viewer.isAdmin) return;
  // Another user's object is indistinguishable from a missing one.
  throw PublicError.notFound(what);
}
