import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { auditWithin, AuditOutcome } from '../audit';
import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import { parseId } from '../platform/graphql/ids';
import { assertOwnerOrAdmin, requireViewer } from '../platform/graphql/viewer-guards';
import { WebhookDelivery } from './webhook-delivery.entity';
import { InboundDeadLetter } from './inbound-dead-letter.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** The delivery body that carries a dead letter's item again, as Meta would have sent it alone. */
function envelopeOf(payload: string): Buffer | null {
  let parsed: { wabaId?: unknown; value?: unknown; change?: unknown; entry?: unknown };
  try {
    parsed = JSON.parse(payload) as typeof parsed;
  } catch {
    return null;
  }
  let entry: unknown;
  if (parsed.entry !== undefined) entry = parsed.entry;
  else if (typeof parsed.wabaId === 'string' && parsed.change !== undefined) entry = { id: parsed.wabaId, changes: [parsed.change] };
  else if (typeof parsed.wabaId === 'string' && parsed.value !== undefined) entry = { id: parsed.wabaId, changes: [{ field: 'messages', value: parsed.value }] };
  else return null;
  return Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [entry] }));
}

@Resolver(() => InboundDeadLetter)
export class InboundDeadLetterResolver {
  @Query(() => [InboundDeadLetter], {
    description:
      'Inbound messages and statuses of my numbers that could not be stored, newest first, with the reason. ' +
      'Everything else of their deliveries was stored; retry one once its cause is gone.',
  })
  async whatsAppInboundDeadLetters(
    @Ctx() ctx: GraphQLContext,
    @Arg('includeRetried', { defaultValue: false, description: 'Also those already handed back to processing.' }) includeRetried: boolean,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most this many (1-200).' }) first: number,
  ): Promise<InboundDeadLetter[]> {
    const viewer = requireViewer(ctx);
    if (first < 1 || first > 200) throw PublicError.badInput('first', 'first must be between 1 and 200.');
    // A retry sets retriedAt and resolvedAt together; the waiting ones are filtered by resolvedAt, the
    // predicate of their partial index (webhook_dead_letters_unresolved_idx).
    return ctx.em.find(
      InboundDeadLetter,
      { userId: viewer.userId, ...(includeRetried ? {} : { resolvedAt: null }) },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first },
    );
  }

  @Mutation(() => InboundDeadLetter, {
    description:
      'Hands a dead-lettered item back to processing, exactly as if Meta had delivered it again (a duplicate is ' +
      'still stored once). If it fails again, a new dead letter records why.',
  })
  async retryWhatsAppInboundDeadLetter(@Arg('id', () => ID, { description: 'The dead letter to retry.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<InboundDeadLetter> {
    const viewer = requireViewer(ctx);
    const letterId = parseId(id, 'Dead letter');
    // Any instance's processing finds the new delivery at its next poll.
    return ctx.em.transactional(async (em) => {
      const found = await em.findOne(InboundDeadLetter, { id: letterId });
      if (!found) throw PublicError.notFound('Dead letter');
      assertOwnerOrAdmin(viewer, found.userId, 'Dead letter', false);
      if (found.retriedAt) throw PublicError.conflict('This dead letter was already retried.');
      const body = envelopeOf(found.payload);
      const endpoint = await em.findOne(WebhookEndpoint, { id: found.endpointId });
      if (!body || !endpoint) throw PublicError.badInput('id', 'This dead letter can no longer be applied (its number was removed, or its content was unreadable).');
      em.persist(em.create(WebhookDelivery, { endpointId: endpoint.id, rawBody: body, signatureVerified: true }));
      found.retriedAt = new Date();
      found.resolvedAt = new Date();
      auditWithin(em, {
        actor: viewer,
        action: 'webhook.dead_letter_retried',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: found.userId,
        targetType: 'WhatsAppInboundDeadLetter',
        targetId: found.id,
        requestId: ctx.requestId,
      });
      return found;
    });
  }
}
