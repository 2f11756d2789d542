import { Ctx, Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLISODateTime, ID } from 'type-graphql';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { CredentialTopic, type CredentialHealthChanged } from './credential-events';
import { CredentialStatus, CredentialStatusReason } from './credential-status';
import { QualityWarning } from './quality-warning';
import { WhatsAppCredential } from './whatsapp-credential.entity';
import type { GraphQLContext } from '../platform/graphql/context';

@ObjectType('WhatsAppCredentialHealthEvent', { description: 'A credential\'s status changed, or its number got a quality warning (a real-time alert).' })
export class CredentialHealthEvent {
  @Field(() => ID, { description: 'The credential whose status changed.' })
  credentialId!: string;

  @Field(() => CredentialStatus, { description: 'The status before the change.' })
  previousStatus!: CredentialStatus;

  @Field(() => CredentialStatus, { description: 'The status now.' })
  status!: CredentialStatus;

  @Field(() => CredentialStatusReason, { description: 'Why the status changed.' })
  reason!: CredentialStatusReason;

  @Field(() => GraphQLISODateTime, { description: 'When the change happened.' })
  occurredAt!: Date;

  @Field(() => QualityWarning, {
    nullable: true,
    description: 'Set when the event is a quality warning (status unchanged, or changed at the same time); the number keeps sending.',
  })
  warning!: QualityWarning | null;

  @Field(() => String, { nullable: true, description: 'The quality warning in words; null for a plain status change.' })
  warningMessage!: string | null;

  @Field(() => WhatsAppCredential, { nullable: true, description: 'The credential as it is now; null once deleted.' })
  credential!: WhatsAppCredential | null;
}

@Resolver()
export class CredentialHealthResolver {
  @Subscription(() => CredentialHealthEvent, {
    description: 'Status changes of my credentials, and quality warnings of their numbers (RED rating, flagged, lower messaging limit), as they happen.',
    topics: CredentialTopic.Health,
    topicId: ({ context }: { context: GraphQLContext }) => requireViewer(context).userId,
  })
  async whatsAppCredentialHealthChanged(
    @Root() event: CredentialHealthChanged,
    @Ctx() ctx: GraphQLContext,
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
      warning: (event.warning as QualityWarning | undefined) ?? null,
      warningMessage: event.warning ? (event.message ?? null) : null,
      credential,
    };
  }

  @Subscription(() => CredentialHealthEvent, {
    description: 'Old name of whatsAppCredentialHealthChanged.',
    deprecationReason: 'Use whatsAppCredentialHealthChanged.',
    topics: CredentialTopic.Health,
    topicId: ({ context }: { context: GraphQLContext }) => requireViewer(context).userId,
  })
  async credentialHealthChanged(@Root() event: CredentialHealthChanged, @Ctx() ctx: GraphQLContext): Promise<CredentialHealthEvent> {
    return this.whatsAppCredentialHealthChanged(event, ctx);
  }
}
