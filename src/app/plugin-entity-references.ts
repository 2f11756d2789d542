import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { Conversation } from '../messaging/conversation.entity';
import { Message } from '../messaging/message.entity';
import type { GraphQLContext } from '../platform/graphql/context';
import { isUuid } from '../platform/graphql/ids';
import { requireViewer } from '../platform/graphql/viewer-guards';

type Reference = { id: string };

/**
 * Federation reference resolvers of the plugin's own entities (`@key(fields: "id")`), for a host that
 * stores one of their ids and lets the gateway fetch the object. The same rules as our queries apply:
 * a credential is its owner's (or an admin's), a message or conversation only its owner's. Anything else,
 * missing or not yours alike, is null: one unreadable reference never fails the host's whole answer.
 */
export const pluginEntityReferenceResolvers = {
  WhatsAppCredential: {
    __resolveReference: async (reference: Reference, ctx: GraphQLContext): Promise<WhatsAppCredential | null> => {
      const viewer = requireViewer(ctx);
      if (!isUuid(reference.id)) return null;
      const credential = await ctx.em.findOne(WhatsAppCredential, { id: reference.id.toLowerCase() });
      return credential && (credential.userId === viewer.userId || viewer.isAdmin) ? credential : null;
    },
  },
  WhatsAppMessage: {
    __resolveReference: async (reference: Reference, ctx: GraphQLContext): Promise<Message | null> => {
      const viewer = requireViewer(ctx);
      if (!isUuid(reference.id)) return null;
      return ctx.em.findOne(Message, { id: reference.id.toLowerCase(), userId: viewer.userId });
    },
  },
  WhatsAppConversation: {
    __resolveReference: async (reference: Reference, ctx: GraphQLContext): Promise<Conversation | null> => {
      const viewer = requireViewer(ctx);
      if (!isUuid(reference.id)) return null;
      return ctx.em.findOne(Conversation, { id: reference.id.toLowerCase(), userId: viewer.userId });
    },
  },
};
