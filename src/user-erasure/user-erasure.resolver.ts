import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { AuditOutcome, auditSeparately } from '../audit';
import { ErrorCode, PublicError } from '../errors';
import type { GraphQLContext } from '../graphql/context';
import type { UserErasure } from './user-erasure';
import { isUuid } from '../graphql/ids';
import { requireViewer } from '../graphql/viewer-guards';
import { UserDataErasure } from './user-data-erasure.type';

@Resolver()
export class UserErasureResolver {
  @Mutation(() => UserDataErasure, {
    description:
      'GDPR erasure, for the host platform when it deletes a user (or an admin): removes every row of the user\'s and destroys ' +
      'their encryption key, so even copies of their encrypted secrets in old backups are unreadable. Idempotent. FORBIDDEN for anyone else.',
  })
  async deleteUserData(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext<{ userErasure: UserErasure }>): Promise<UserDataErasure> {
    const viewer = requireViewer(ctx);
    if (!viewer.isHostService && !viewer.isAdmin) {
      await auditSeparately(ctx.em, {
        actor: viewer,
        action: 'user.erase',
        outcome: AuditOutcome.REJECTED,
        subjectUserId: isUuid(userId) ? userId.toLowerCase() : null,
        targetType: 'user',
        errorCode: ErrorCode.Forbidden,
        requestId: ctx.requestId,
      });
      throw PublicError.forbidden('Only the host platform or an administrator may erase a user\'s data.');
    }
    if (!isUuid(userId)) throw PublicError.badInput('userId', 'userId must be the host\'s user id (a UUID).');
    return ctx.services.userErasure.erase(viewer, userId.toLowerCase(), ctx.requestId);
  }
}
