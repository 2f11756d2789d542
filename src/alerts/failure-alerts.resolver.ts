import { Arg, Ctx, Field, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ownCredential } from '../credentials';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { FailureAlertTopic, type FailureAlertEvent } from './failure-alert-events';
import { FailureAlertKind } from './failure-alert-kind';
import { FailureAlertTally } from './failure-alert-tally.entity';
import { FailureDigestSetting } from './failure-digest-setting.entity';

@ObjectType('WhatsAppFailureAlert', {
  description: 'Failures of one kind on one of my phone numbers since the previous alert of that kind. At most one alert per number and kind is sent per FAILURE_ALERT_WINDOW_SECONDS; the failures in between are counted into the next one.',
})
export class FailureAlert {
  @Field(() => ID, { description: 'The credential (phone number) the failures happened on.' })
  credentialId!: string;

  @Field(() => FailureAlertKind, { description: 'What failed.' })
  kind!: FailureAlertKind;

  @Field(() => Int, { description: 'How many failures this alert stands for: every one since the previous alert of this kind for this number.' })
  count!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the first of these failures happened.' })
  firstSeenAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the latest of these failures happened.' })
  lastSeenAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'An example error code: WhatsApp\'s code for a failed message (e.g. 131047), or why an inbound item was dead-lettered; null when the kind has none.',
  })
  errorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The example failure in words, for the owner; null when the kind has none.' })
  reason!: string | null;

  @Field(() => WhatsAppCredential, { nullable: true, description: 'The credential as it is now; null once deleted.' })
  credential!: WhatsAppCredential | null;
}

@Resolver()
export class FailureAlertsResolver {
  @Subscription(() => FailureAlert, {
    description: 'Failure alerts of my phone numbers as they happen: messages no agent was there to answer, messages WhatsApp failed, dead-lettered inbound items, and pauses of calls to WhatsApp. Each alert counts the failures since the previous one of its kind, at most one per number and kind per window.',
    topics: FailureAlertTopic.Failure,
    topicId: ({ context }: { context: GraphQLContext }) => requireViewer(context).userId,
    filter: ({ payload, args }: { payload: FailureAlertEvent; args: { credentialId?: string | null } }) => !args.credentialId || args.credentialId === payload.credentialId,
  })
  async whatsAppFailureAlerts(
    @Root() event: FailureAlertEvent,
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { nullable: true, description: 'Only this credential\'s alerts; all of mine when omitted.' }) _credentialId?: string | null,
  ): Promise<FailureAlert> {
    const viewer = requireViewer(ctx);
    // The topic is already per user; this re-check guards against a mis-published event.
    if (event.userId !== viewer.userId) throw PublicError.notFound('Credential');
    const credential = await ctx.em.fork().findOne(WhatsAppCredential, { id: event.credentialId, userId: viewer.userId });
    return {
      credentialId: event.credentialId,
      kind: event.kind,
      count: event.count,
      firstSeenAt: new Date(event.firstSeenAt),
      lastSeenAt: new Date(event.lastSeenAt),
      errorCode: event.errorCode,
      reason: event.reason,
      credential,
    };
  }

  @Query(() => FailureDigestSetting, { description: 'Whether one of my phone numbers e-mails me a daily summary of its failure alerts (off until I turn it on).' })
  async whatsAppFailureDigest(
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { description: 'The credential (phone number) whose setting to read.' }) credentialId: string,
  ): Promise<FailureDigestSetting> {
    const credential = await ownCredential(ctx, credentialId);
    const setting = await ctx.em.findOne(FailureDigestSetting, { credentialId: credential.id });
    return setting ?? ctx.em.create(FailureDigestSetting, { credentialId: credential.id, userId: credential.userId, dailyDigest: false }, { persist: false });
  }

  @Mutation(() => FailureDigestSetting, {
    description: 'Turns the daily failure summary of one of my phone numbers on or off. It goes to the credential\'s alert e-mail address at FAILURE_ALERT_DIGEST_HOUR (UTC) when SMTP is configured, and only on days with failures.',
  })
  async setWhatsAppFailureDigest(
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { description: 'The credential (phone number) whose summary to turn on or off.' }) credentialId: string,
    @Arg('dailyDigest', { description: 'True to receive the daily summary, false to stop it.' }) dailyDigest: boolean,
  ): Promise<FailureDigestSetting> {
    const credential = await ownCredential(ctx, credentialId);
    return ctx.em.fork().transactional(async (em) => {
      const setting = (await em.findOne(FailureDigestSetting, { credentialId: credential.id })) ?? em.create(FailureDigestSetting, { credentialId: credential.id, userId: credential.userId, dailyDigest: false });
      // A summary turned on covers the failures from now on, not everything since the number was connected.
      if (dailyDigest && !setting.dailyDigest) await em.nativeUpdate(FailureAlertTally, { credentialId: credential.id }, { digestCount: 0, digestSince: null });
      setting.dailyDigest = dailyDigest;
      setting.updatedAt = new Date();
      return setting;
    });
  }
}
