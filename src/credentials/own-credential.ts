import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import { parseId } from '../platform/graphql/ids';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { WhatsAppCredential } from './whatsapp-credential.entity';

/**
 * The caller's own credential, for the fields that act on one number. Anyone else's, an administrator's
 * call included, is NOT_FOUND like a missing one, so ids of other users' numbers cannot be probed.
 */
export async function ownCredential(ctx: GraphQLContext, credentialId: string): Promise<WhatsAppCredential> {
  const viewer = requireViewer(ctx);
  const credential = await ctx.em.findOne(WhatsAppCredential, { id: parseId(credentialId, 'Credential'), userId: viewer.userId });
  if (!credential) throw PublicError.notFound('Credential');
  return credential;
}
