import { Ctx, Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLISODateTime, ID } from 'type-graphql';
import { requireViewer } from '../graphql/viewer-guards';
import { CredentialTopic, type CredentialHealthChanged } from './credential-events';
import { CredentialStatus, CredentialStatusReason } from './credential-status';
import { WhatsAppCredential } from './whatsapp-credential.entity';
import type { CredentialContext } from './credential-services';

@ObjectType('WhatsAppCredentialHealthEvent', { description: 'A credential\'s status changed (a real-time alert).' })
export class CredentialHealthEvent {
  @Field(() => ID)
  credentialId!: string;

  @Field(() => CredentialStatus)
  previousStatus!: CredentialStatus;

  @Field(() => CredentialStatus)
  status!: CredentialStatus;

  @Field(() => CredentialStatusReason)
  reason!: CredentialStatusReason;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => WhatsAppCredential, { nullable: true, description: 'The credential as it is now; null once deleted.' })
  credential!: WhatsAppCredential | null;
}

@Resolver()
export class CredentialHealthResolver {
  @Subscription(() => CredentialHealthEvent, {
    description: 'Status changes of my credentials, as they happen.',
    topics: CredentialTopic.Health,
    topicId: ({ context }: { context: CredentialContext }) => requireViewer(context).userId,
  })
  async credentialHealthChanged(
    @Root() event: CredentialHealthChanged,
    @Ctx() ctx: CredentialContext,
  ): Promise<CredentialHealthEvent> {
    const viewer = requireViewer(ctx);
    // The topic is already per user; this re-check guards against a mis-published event.
    const credential = await ctx.em.fork().findOne(WhatsAppCredential, { id: event.credentialId, userId: viewer.userId });
    return {
      credentialId: event.credentialId,
      previousStatus: event.previousStatus,
      status: event.status,
      reason: event.reason,
      occurredAt: new Date(event.occurredAt),
      credential,
    };
  }
}
