import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import { AuditOutcome, auditSeparately } from '../audit';
import { ErrorCode, PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import { NOT_THROUGH_GATEWAY, SERVICE_ONLY } from '../platform/graphql/contract-tags';
import type { UserErasure } from './user-erasure';
import { isUuid } from '../platform/graphql/ids';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { UserDataErasure } from './user-data-erasure.type';

@Resolver()
export class UserErasureResolver {
  constructor(private readonly userErasure: UserErasure) {}

  @Directive(SERVICE_ONLY)
  @Directive(NOT_THROUGH_GATEWAY)
  @Mutation(() => UserDataErasure, {
    description:
      'GDPR erasure, for the host platform when it deletes a user (or an admin): removes every row of the user\'s and destroys ' +
      'their encryption key, so even copies of their encrypted secrets in old backups are unreadable. Idempotent. FORBIDDEN for anyone else.',
  })
  async deleteWhatsAppUserData(@Arg('userId', () => ID, { description: 'The host\'s id of the user to erase.' }) userId: string, @Ctx() ctx: GraphQLContext): Promise<UserDataErasure> {
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
    return this.userErasure.erase(viewer, userId.toLowerCase(), ctx.requestId);
  }

  @Directive(SERVICE_ONLY)
  @Directive(NOT_THROUGH_GATEWAY)
  @Mutation(() => UserDataErasure, { description: 'Old name of deleteWhatsAppUserData.', deprecationReason: 'Use deleteWhatsAppUserData.' })
  async deleteUserData(@Arg('userId', () => ID, { description: 'The host\'s id of the user to erase.' }) userId: string, @Ctx() ctx: GraphQLContext): Promise<UserDataErasure> {
    return this.deleteWhatsAppUserData(userId, ctx);
  }
}
