import { Ctx, Resolver, Root, Subscription } from 'type-graphql';
import { PublicError } from '../platform/errors';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { WebhookTopic, type CallEvent } from './webhook-events';
import type { GraphQLContext } from '../platform/graphql/context';
import { WhatsAppCall } from './whatsapp-call.entity';

@Resolver()
export class WhatsAppCallResolver {
  @Subscription(() => WhatsAppCall, {
    description: 'Calls to or from my numbers as Meta reports them (started, ended), recorded by the plugin; it does not answer or place calls.',
    topics: WebhookTopic.Call,
    topicId: ({ context }: { context: GraphQLContext }) => requireViewer(context).userId,
  })
  async whatsAppCallChanged(@Root() event: CallEvent, @Ctx() ctx: GraphQLContext): Promise<WhatsAppCall> {
    const viewer = requireViewer(ctx);
    // The topic is already per user; this re-check guards against a mis-published event.
    const call = await ctx.em.fork().findOne(WhatsAppCall, { id: event.callRowId, userId: viewer.userId });
    if (!call) throw PublicError.notFound('Call');
    return call;
  }
}
