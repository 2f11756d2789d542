import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import type { AgentServices } from './agent-services';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { Message, SendMessageInput, draftFromInput, markMessageRead, sendMessage } from '../messaging';
import { resolveSender } from './resolve-sender';

// Clients' keys have no ':' so they can never collide with the plugin's own `agent:…` keys.
const CLIENT_KEY = /^[A-Za-z0-9_.-]{1,128}$/;

@Resolver()
export class AgentMessagingResolver {
  constructor(private readonly services: AgentServices) {}

  @Mutation(() => Message, {
    description:
      'Sends a WhatsApp message from an agent\'s (or a credential\'s) phone number. Free-form content needs the customer\'s 24-hour window to be open; outside it only a template is sent. Repeating the same idempotencyKey never sends twice.',
  })
  async sendWhatsAppMessage(@Arg('input', { description: 'Sender, recipient, idempotency key and exactly one kind of content.' }) input: SendMessageInput, @Ctx() ctx: GraphQLContext): Promise<Message> {
    const viewer = requireViewer(ctx);
    if (!CLIENT_KEY.test(input.idempotencyKey)) {
      throw PublicError.badInput('input.idempotencyKey', 'The idempotency key is 1-128 characters of A-Z a-z 0-9 _ . -');
    }
    const draft = draftFromInput(input);
    const sender = await resolveSender(ctx.em, this.services.config.platform.defaultSource, viewer.userId, input);
    return sendMessage(this.services, ctx.em, {
      sender,
      to: input.to,
      draft,
      idempotencyKey: input.idempotencyKey,
      replyToMessageId: input.replyToMessageId ?? null,
    });
  }

  @Mutation(() => Message, { description: 'Marks a received message (and every earlier one of its thread) as read for the customer.' })
  async markWhatsAppMessageRead(
    @Arg('messageId', () => ID, { description: 'Our id of a received (inbound) message.' }) messageId: string,
    @Arg('typingIndicator', { defaultValue: false, description: 'Also show "typing…" until the reply (at most 25 s).' }) typingIndicator: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Message> {
    const viewer = requireViewer(ctx);
    return markMessageRead(this.services, ctx.em, { userId: viewer.userId, messageId, typingIndicator });
  }
}
