import { Arg, Ctx, Field, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AuditOutcome, auditSeparately } from '../audit';
import { ownCredential, toCredentialPublicError } from '../credentials';
import { PublicError } from '../platform/errors';
import { TemplateTopic, type TemplateStatusChange } from './template-events';
import type { GraphQLContext } from '../platform/graphql/context';
import type { TemplateServices } from './template-services';
import { decodeCursor, PageInfo, pageSize, toPage } from '../platform/graphql/pagination';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { syncTemplates } from './template-sync';
import { isMetaThrottle, TEMPLATE_SYNC_CALL_INTERVAL_SECONDS, TemplateSyncBudgetExhausted } from './template-sync-budget';
import { WhatsAppTemplate } from './whatsapp-template.entity';

@ObjectType('WhatsAppTemplateConnection', { description: 'A page of message templates, by name then language.' })
export class TemplateConnection {
  @Field(() => [WhatsAppTemplate], { description: 'The templates of this page.' })
  nodes!: WhatsAppTemplate[];

  @Field(() => PageInfo, { description: 'Where this page ends.' })
  pageInfo!: PageInfo;
}

@ObjectType('WhatsAppTemplateSyncResult', { description: 'What a template sync found at Meta.' })
export class TemplateSyncResult {
  @Field(() => ID, { description: 'The credential (phone number) whose business account was read.' })
  credentialId!: string;

  @Field(() => Int, { description: 'Templates (one per language) now known for the number.' })
  templateCount!: number;

  @Field(() => Int, { description: 'Templates removed because Meta no longer lists them.' })
  removedCount!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the sync finished.' })
  syncedAt!: Date;
}

@ObjectType('WhatsAppTemplateStatusEvent', { description: 'A message template of one of my numbers changed status (a real-time event).' })
export class TemplateStatusEvent {
  @Field(() => ID, { description: 'The credential (phone number) whose template changed.' })
  credentialId!: string;

  @Field({ description: 'The template\'s name.' })
  name!: string;

  @Field({ description: 'The language code of the translation that changed.' })
  language!: string;

  @Field(() => String, { nullable: true, description: 'The status before; null when the template was new to us.' })
  previousStatus!: string | null;

  @Field({ description: 'The status now, as Meta spells it (APPROVED, REJECTED, PAUSED, DISABLED...).' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Meta\'s reason (a rejection reason, or why it was paused), when given.' })
  reason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the change was recorded.' })
  occurredAt!: Date;

  @Field(() => WhatsAppTemplate, { nullable: true, description: 'The template as it is now; null once removed.' })
  template!: WhatsAppTemplate | null;
}

@Resolver(() => WhatsAppTemplate)
export class TemplatesResolver {
  constructor(private readonly services: TemplateServices) {}

  @Query(() => TemplateConnection, {
    description: 'The message templates of one of my numbers\' business account, by name then language, as last synced or updated by Meta\'s webhooks.',
  })
  async whatsAppTemplates(
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { description: 'The credential (phone number) whose templates to list.' }) credentialId: string,
    @Arg('status', () => String, { nullable: true, description: 'Only templates with this status, e.g. APPROVED.' }) status?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ): Promise<TemplateConnection> {
    const credential = await ownCredential(ctx, credentialId);
    const size = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const where = { credentialId: credential.id, ...(status ? { status: status.toUpperCase() } : {}) };
    const [name, language] = cursor ? [String(cursor[0]), String(cursor[1])] : [null, null];
    const rows = await ctx.em.find(
      WhatsAppTemplate,
      name !== null ? { $and: [where, { $or: [{ name: { $gt: name } }, { name, language: { $gt: language! } }] }] } : where,
      { orderBy: { name: 'asc', language: 'asc' }, limit: size + 1 },
    );
    return toPage(rows, size, (t) => [t.name, t.language]);
  }

  @Mutation(() => TemplateSyncResult, {
    description: 'Reads my number\'s message templates from Meta now (they are also synced when the number is connected, every few hours, and kept current by Meta\'s webhooks). Syncs share an hourly budget per business account; past it, RATE_LIMITED with retryAfterSeconds.',
  })
  async syncWhatsAppTemplates(
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { description: 'The credential (phone number) whose templates to read.' }) credentialId: string,
  ): Promise<TemplateSyncResult> {
    const credential = await ownCredential(ctx, credentialId);
    try {
      const result = await syncTemplates(this.services, credential.id);
      if (!result) throw PublicError.notFound('Credential');
      return { credentialId: credential.id, templateCount: result.count, removedCount: result.removed, syncedAt: result.credential.templatesSyncedAt ?? new Date() };
    } catch (raw) {
      // Over the account's hourly budget: refused before the call, with the wait (nothing to audit).
      if (raw instanceof TemplateSyncBudgetExhausted) throw PublicError.rateLimited(raw.retryAfterSeconds);
      // Meta's throttle emptied the account's budget (see syncTemplates): the wait is the budget's.
      if (isMetaThrottle(raw)) throw PublicError.rateLimited(TEMPLATE_SYNC_CALL_INTERVAL_SECONDS);
      const err = toCredentialPublicError(raw);
      await auditSeparately(ctx.em, {
        actor: requireViewer(ctx),
        action: 'templates.sync_failed',
        outcome: AuditOutcome.FAILURE,
        subjectUserId: credential.userId,
        targetType: 'WhatsAppCredential',
        targetId: credential.id,
        requestId: ctx.requestId,
        errorCode: err instanceof PublicError ? err.code : null,
      }).catch((auditErr: unknown) => ctx.logger.error({ err: auditErr }, 'could not audit a failed template sync'));
      throw err;
    }
  }

  @Subscription(() => TemplateStatusEvent, {
    description: 'Status changes of the message templates of my numbers (approved, rejected, paused, disabled...), as they happen.',
    topics: TemplateTopic.Status,
    topicId: ({ context }: { context: GraphQLContext }) => requireViewer(context).userId,
  })
  async whatsAppTemplateStatusChanged(@Root() event: TemplateStatusChange, @Ctx() ctx: GraphQLContext): Promise<TemplateStatusEvent> {
    const viewer = requireViewer(ctx);
    // The topic is already per user; this re-check guards against a mis-published event.
    const template = await ctx.em.fork().findOne(WhatsAppTemplate, { id: event.templateId, userId: viewer.userId });
    return {
      credentialId: event.credentialId,
      name: event.name,
      language: event.language,
      previousStatus: event.previousStatus,
      status: event.status,
      reason: event.reason,
      occurredAt: new Date(event.occurredAt),
      template,
    };
  }
}
