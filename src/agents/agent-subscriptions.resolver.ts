import type { OptionalProps } from '@mikro-orm/core';
import { filter, map, pipe } from '@graphql-yoga/subscription';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { ErrorCode, PublicError } from '../platform/errors';
import { endWithNotice } from '../platform/events';
import type { GraphQLContext } from '../platform/graphql/context';
import type { AgentServices } from './agent-services';
import { parseId } from '../platform/graphql/ids';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { Message, MessageDirection, MessageStatus, MessageTopic, type MessageEvent, type MessageSnapshot } from '../messaging';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

/** What the agents' subscriptions read: the agent's owner at subscribe time, and the live events. */
export type AgentSubscriptionServices = Pick<AgentServices, 'orm' | 'eventBus'>;

/** The last item of a subscription whose reader fell behind: its field resolver raises the error. */
const FELL_BEHIND = Symbol('fell behind');
type Delivered = Message | typeof FELL_BEHIND;

/**
 * The event's message as GraphQL reads it. A plain object rather than `new Message()`: the entity's
 * constructor draws a fresh id and the ORM's property setters run on every assignment, which at a
 * thousand events a second is work for nothing, since resolvers only read the fields.
 */
function messageOf(snapshot: MessageSnapshot): Message {
  const message: Omit<Message, typeof OptionalProps | 'idempotencyKey' | 'requestFingerprint' | 'mediaCopiedAt'> = {
    ...snapshot,
    direction: snapshot.direction as MessageDirection,
    status: snapshot.status as MessageStatus,
    statusAt: snapshot.statusAt ? new Date(snapshot.statusAt) : null,
    timestamp: new Date(snapshot.timestamp),
    createdAt: new Date(snapshot.createdAt),
    edits: snapshot.edits ?? [],
    editedAt: snapshot.editedAt ? new Date(snapshot.editedAt) : null,
    revokedAt: snapshot.revokedAt ? new Date(snapshot.revokedAt) : null,
    origin: snapshot.origin ?? null,
  };
  return message as Message;
}

function delivered(root: Delivered): Message {
  if (root === FELL_BEHIND) {
    throw new PublicError(
      ErrorCode.SubscriptionOverflow,
      'Events arrived faster than this subscription read them, so it was ended. Subscribe again and read what you missed from the message history.',
    );
  }
  return root;
}

/**
 * Authorizes twice: at subscribe time (the agent is the viewer's, else NOT_FOUND before any event flows)
 * and per event (the message must belong to the viewer and the agent), so a mis-published event or an
 * agent that changed hands never leaks a message. Events come from every instance through the event bus
 * (LISTEN/NOTIFY between instances) and carry the committed message; only one too long for a NOTIFY is
 * read back.
 */
function subscribeToAgent(services: AgentSubscriptionServices, topic: MessageTopic) {
  return async ({ args, context }: SubscribeResolverData<unknown, { agentId: string }, GraphQLContext>): Promise<AsyncIterable<Delivered>> => {
    const viewer = requireViewer(context);
    const agentId = parseId(args.agentId, 'Agent');
    const { orm, eventBus } = services;
    const config = await orm.em.fork().findOne(AgentWhatsAppConfig, { agentId, userId: viewer.userId });
    if (!config) throw PublicError.notFound('Agent');
    const visible = async (event: MessageEvent | typeof FELL_BEHIND): Promise<Delivered | null> => {
      if (event === FELL_BEHIND) return event;
      if (event.agentId !== agentId || event.userId !== viewer.userId) return null;
      const message = event.message ? messageOf(event.message) : await orm.em.fork().findOne(Message, { id: event.messageId });
      return message && message.userId === viewer.userId && message.agentId === agentId ? message : null;
    };
    return pipe(
      endWithNotice(eventBus.subscribe(topic, agentId), FELL_BEHIND),
      map(visible),
      filter((message: Delivered | null): message is Delivered => message !== null),
    );
  };
}

/**
 * The agents' subscriptions, built by the composition root over the domain's services. type-graphql
 * calls a `subscribe` function without a resolver instance, so a constructor cannot hand it anything;
 * the class is made here instead, and its `subscribe` functions close over `services`.
 */
export function agentSubscriptionsResolver(services: AgentSubscriptionServices): Function {
  @Resolver()
  class AgentSubscriptionsResolver {
    @Subscription(() => Message, {
      description: 'Messages customers send to one of my agents, as they arrive (on any plugin instance).',
      subscribe: subscribeToAgent(services, MessageTopic.Inbound),
    })
    whatsAppMessageReceived(@Arg('agentId', () => ID, { description: 'One of my agents.' }) _agentId: string, @Root() message: Delivered): Message {
      return delivered(message);
    }

    @Subscription(() => Message, {
      description: 'Old name of whatsAppMessageReceived.',
      deprecationReason: 'Use whatsAppMessageReceived.',
      subscribe: subscribeToAgent(services, MessageTopic.Inbound),
    })
    whatsappMessageReceived(@Arg('agentId', () => ID, { description: 'One of my agents.' }) _agentId: string, @Root() message: Delivered): Message {
      return delivered(message);
    }

    @Subscription(() => Message, {
      description: 'Delivery-status changes (sent, delivered, read, failed) of one of my agents\' messages, with the message as it is now.',
      subscribe: subscribeToAgent(services, MessageTopic.Status),
    })
    whatsAppMessageStatusChanged(@Arg('agentId', () => ID, { description: 'One of my agents.' }) _agentId: string, @Root() message: Delivered): Message {
      return delivered(message);
    }

    @Subscription(() => Message, {
      description: 'Old name of whatsAppMessageStatusChanged.',
      deprecationReason: 'Use whatsAppMessageStatusChanged.',
      subscribe: subscribeToAgent(services, MessageTopic.Status),
    })
    whatsappMessageStatusChanged(@Arg('agentId', () => ID, { description: 'One of my agents.' }) _agentId: string, @Root() message: Delivered): Message {
      return delivered(message);
    }
  }

  return AgentSubscriptionsResolver;
}
