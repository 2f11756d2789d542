import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PublicError } from '../errors';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { assertOwnerOrAdmin, requireViewer } from '../graphql/viewer-guards';
import { User } from '../host/user.type';
import { WhatsAppCredential } from './whatsapp-credential.entity';

function credentialsOf(ctx: GraphQLContext, userId: string): Promise<WhatsAppCredential[]> {
  return ctx.em.find(WhatsAppCredential, { userId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

@Resolver(() => WhatsAppCredential)
export class CredentialResolver {
  @Query(() => [WhatsAppCredential], { description: 'My connected WhatsApp credentials, newest first.' })
  async whatsappCredentials(@Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential[]> {
    const viewer = requireViewer(ctx);
    return credentialsOf(ctx, viewer.userId);
  }

  @Query(() => WhatsAppCredential, { description: 'One of my credentials; NOT_FOUND for anyone else\'s.' })
  async whatsappCredential(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential> {
    const viewer = requireViewer(ctx);
    const credential = await ctx.em.findOne(WhatsAppCredential, { id: parseId(id, 'Credential') });
    if (!credential) throw PublicError.notFound('Credential');
    assertOwnerOrAdmin(viewer, credential.userId, 'Credential', false);
    return credential;
  }
}

@Resolver(() => User)
export class UserCredentialsResolver {
  @FieldResolver(() => [WhatsAppCredential], { description: 'The user\'s WhatsApp credentials (theirs or an admin\'s view).' })
  async whatsappCredentials(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential[]> {
    const viewer = requireViewer(ctx);
    assertOwnerOrAdmin(viewer, user.id, 'User');
    return credentialsOf(ctx, user.id);
  }
}
