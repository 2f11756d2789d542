import { filter, map, pipe } from '@graphql-yoga/subscription';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { PublicError } from '../errors';
import { Topic, type MessageEvent } from '../events';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { requireViewer } from '../graphql/viewer-guards';
import { Message } from '../messaging';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

type MessageTopic = Topic.InboundMessage | Topic.MessageStatus;

/**
 * Authorizes twice: at subscribe time (the agent is the viewer's, else NOT_FOUND before any event flows)
 * and per event (the message is reloaded in a fresh unit of work and must belong to the viewer and the
 * agent), so a mis-published event or an agent that changed hands never leaks a message. Events come
 * from every instance through the LISTEN/NOTIFY event bus.
 */
function subscribeToAgent(topic: MessageTopic) {
  return async ({ args, context }: SubscribeResolverData<unknown, { agentId: string }, GraphQLContext>): Promise<AsyncIterable<Message>> => {
    const viewer = requireViewer(context);
    const agentId = parseId(args.agentId, 'Agent');
    const { orm, eventBus } = context.services;
    const config = await orm.em.fork().findOne(AgentWhatsAppConfig, { agentId, userId: viewer.userId });
    if (!config) throw PublicError.notFound('Agent');
    const visible = async (event: MessageEvent): Promise<Message | null> => {
      if (event.agentId !== agentId || event.userId !== viewer.userId) return null;
      const message = await orm.em.fork().findOne(Message, { id: event.messageId });
      return message && message.userId === viewer.userId && message.agentId === agentId ? message : null;
    };
    return pipe(
      eventBus.subscribe(topic, agentId),
      map(visible),
      filter((message: Message | null): message is Message => message !== null),
    );
  };
}

@Resolver()
export class AgentSubscriptionsResolver {
  @Subscription(() => Message, {
    description: 'Messages customers send to one of my agents, as they arrive (on any plugin instance).',
    subscribe: subscribeToAgent(Topic.InboundMessage),
  })
  whatsappMessageReceived(@Arg('agentId', () => ID) _agentId: string, @Root() message: Message): Message {
    return message;
  }

  @Subscription(() => Message, {
    description: 'Delivery-status changes (sent, delivered, read, failed) of one of my agents\' messages, with the message as it is now.',
    subscribe: subscribeToAgent(Topic.MessageStatus),
  })
  whatsappMessageStatusChanged(@Arg('agentId', () => ID) _agentId: string, @Root() message: Message): Message {
    return message;
  }
}
