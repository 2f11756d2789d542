import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import { ADMIN_ONLY } from '../platform/graphql/contract-tags';
import { parseId } from '../platform/graphql/ids';
import { assertOwnerOrAdmin, requireAdmin, requireViewer } from '../platform/graphql/viewer-guards';
import type { Viewer } from '../platform/identity';
import { KeyNotFoundError, KeyPermissionDeniedError, UserIdInvalidError } from '../adapters/keys';
import type { KeyRotation } from './key-rotation';
import { KeyRotationRun } from './key-rotation-run.entity';
import { UserKeyInfo } from './user-key-info.type';

/** A resolver's context in this domain: its services come through the resolver's constructor. */
type KeyRotationContext = GraphQLContext;

/** The user whose key an operation targets: the viewer by default; another user only for an admin. */
function targetUser(ctx: KeyRotationContext, userId: string | null | undefined): { viewer: Viewer; target: string } {
  const viewer = requireViewer(ctx);
  const target = userId == null ? viewer.userId : parseId(userId, 'Encryption key');
  assertOwnerOrAdmin(viewer, target, 'Encryption key');
  return { viewer, target };
}

/** Key errors a client can act on become public errors; the error formatter handles the rest. */
async function translatingKeyErrors<T>(ctx: KeyRotationContext, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    // No key: the user never connected an account, or was erased. Same answer as someone else's key.
    if (error instanceof KeyNotFoundError || error instanceof UserIdInvalidError) throw PublicError.notFound('Encryption key');
    if (error instanceof KeyPermissionDeniedError) {
      // Our Vault token or policy is wrong: an operator has to act, the client can only retry later.
      ctx.logger.error({ error: error.name, reason: error.reason, message: error.message }, 'the key service refused the plugin\'s token');
      throw PublicError.dependencyUnavailable('The key service');
    }
    throw error;
  }
}

@Resolver()
export class KeyRotationResolver {
  constructor(private readonly keyRotation: KeyRotation) {}

  @Query(() => UserKeyInfo, {
    description: 'My encryption key\'s versions and the state of its last rotation (an admin may name any user). NOT_FOUND without a key.',
  })
  async whatsAppUserKeyInfo(@Arg('userId', () => ID, { nullable: true, description: 'Whose key (administrators only); mine when omitted.' }) userId: string | null, @Ctx() ctx: KeyRotationContext): Promise<UserKeyInfo> {
    const { target } = targetUser(ctx, userId);
    return translatingKeyErrors(ctx, () => this.keyRotation.userKeyInfo(target));
  }

  @Query(() => UserKeyInfo, { description: 'Old name of whatsAppUserKeyInfo.', deprecationReason: 'Use whatsAppUserKeyInfo.' })
  async userKeyInfo(@Arg('userId', () => ID, { nullable: true, description: 'Whose key (administrators only); mine when omitted.' }) userId: string | null, @Ctx() ctx: KeyRotationContext): Promise<UserKeyInfo> {
    return this.whatsAppUserKeyInfo(userId, ctx);
  }

  @Mutation(() => UserKeyInfo, {
    description:
      'Rotates my encryption key (an admin may name any user). New secrets use the new version at once; stored ones are ' +
      'rewrapped in the background, then older versions are retired (rewrapState). Every secret stays readable throughout.',
  })
  async rotateWhatsAppUserKey(@Arg('userId', () => ID, { nullable: true, description: 'Whose key (administrators only); mine when omitted.' }) userId: string | null, @Ctx() ctx: KeyRotationContext): Promise<UserKeyInfo> {
    const { viewer, target } = targetUser(ctx, userId);
    return translatingKeyErrors(ctx, () => this.keyRotation.rotateUserKey(viewer, target, ctx.requestId));
  }

  @Mutation(() => UserKeyInfo, { description: 'Old name of rotateWhatsAppUserKey.', deprecationReason: 'Use rotateWhatsAppUserKey.' })
  async rotateUserKey(@Arg('userId', () => ID, { nullable: true, description: 'Whose key (administrators only); mine when omitted.' }) userId: string | null, @Ctx() ctx: KeyRotationContext): Promise<UserKeyInfo> {
    return this.rotateWhatsAppUserKey(userId, ctx);
  }

  @Directive(ADMIN_ONLY)
  @Mutation(() => KeyRotationRun, {
    description: 'Admin: starts a background run rotating every user\'s key, resumable after a restart. CONFLICT while one is running.',
  })
  async startWhatsAppKeyRotationRun(@Ctx() ctx: KeyRotationContext): Promise<KeyRotationRun> {
    const viewer = requireAdmin(ctx);
    return this.keyRotation.startRotateAll(viewer, ctx.requestId);
  }

  @Directive(ADMIN_ONLY)
  @Mutation(() => KeyRotationRun, { description: 'Old name of startWhatsAppKeyRotationRun.', deprecationReason: 'Use startWhatsAppKeyRotationRun.' })
  async startKeyRotationRun(@Ctx() ctx: KeyRotationContext): Promise<KeyRotationRun> {
    return this.startWhatsAppKeyRotationRun(ctx);
  }

  @Directive(ADMIN_ONLY)
  @Query(() => KeyRotationRun, { nullable: true, description: 'Admin: a rotate-all run and its progress; the latest when no id is given.' })
  async whatsAppKeyRotationRun(@Arg('id', () => ID, { nullable: true, description: 'The run; the latest when omitted.' }) id: string | null, @Ctx() ctx: KeyRotationContext): Promise<KeyRotationRun | null> {
    requireAdmin(ctx);
    if (id == null) return this.keyRotation.run();
    const run = await this.keyRotation.run(parseId(id, 'Key rotation run'));
    if (!run) throw PublicError.notFound('Key rotation run');
    return run;
  }

  @Directive(ADMIN_ONLY)
  @Query(() => KeyRotationRun, { nullable: true, description: 'Old name of whatsAppKeyRotationRun.', deprecationReason: 'Use whatsAppKeyRotationRun.' })
  async keyRotationRun(@Arg('id', () => ID, { nullable: true, description: 'The run; the latest when omitted.' }) id: string | null, @Ctx() ctx: KeyRotationContext): Promise<KeyRotationRun | null> {
    return this.whatsAppKeyRotationRun(id, ctx);
  }
}
