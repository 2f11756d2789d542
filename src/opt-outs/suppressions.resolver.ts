import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AuditOutcome, auditWithin } from '../audit';
import { ownCredential } from '../credentials';
import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { parseRecipient, toWaId } from '../adapters/whatsapp';
import { SuppressionSource, WhatsAppSuppression } from './whatsapp-suppression.entity';

/** The customer as sends address them: digits of the number, or the business-scoped user id as given. */
function customerWaIdOf(customer: string): string {
  try {
    const recipient = parseRecipient(customer);
    return recipient.kind === 'phone' ? toWaId(recipient.to) : recipient.recipient;
  } catch (error) {
    throw PublicError.badInput('customer', (error as Error).message);
  }
}

@Resolver(() => WhatsAppSuppression)
export class SuppressionResolver {
  @Query(() => [WhatsAppSuppression], {
    description: 'The customers who opted out of messages from one of my phone numbers, newest first. Sends to them are refused with RECIPIENT_OPTED_OUT.',
  })
  async whatsAppSuppressions(
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { description: 'The credential (phone number) whose list to read.' }) credentialId: string,
  ): Promise<WhatsAppSuppression[]> {
    const credential = await ownCredential(ctx, credentialId);
    return ctx.em.find(WhatsAppSuppression, { credentialId: credential.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  @Mutation(() => WhatsAppSuppression, {
    description: 'Stops my phone number from writing to a customer until they write START or I remove the entry. Adding one already there returns it unchanged.',
  })
  async addWhatsAppSuppression(
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { description: 'The credential (phone number) that must not write to the customer.' }) credentialId: string,
    @Arg('customer', { description: 'The customer: +E.164 phone number, or a business-scoped user id.' }) customer: string,
    @Arg('reason', () => String, { nullable: true, description: 'A note for my own records (at most 500 characters).' }) reason?: string | null,
  ): Promise<WhatsAppSuppression> {
    const credential = await ownCredential(ctx, credentialId);
    const customerWaId = customerWaIdOf(customer);
    if (reason && reason.length > 500) throw PublicError.badInput('reason', 'The reason is at most 500 characters.');
    const existing = await ctx.em.findOne(WhatsAppSuppression, { credentialId: credential.id, customerWaId });
    if (existing) return existing;
    const entry = ctx.em.create(WhatsAppSuppression, {
      userId: credential.userId,
      credentialId: credential.id,
      customerWaId,
      reason: reason?.trim() || null,
      source: SuppressionSource.MANUAL,
    });
    auditWithin(ctx.em, {
      actor: requireViewer(ctx),
      action: 'suppression.added',
      outcome: AuditOutcome.SUCCESS,
      subjectUserId: credential.userId,
      targetType: 'WhatsAppSuppression',
      targetId: entry.id,
      requestId: ctx.requestId,
    });
    await ctx.em.flush();
    return entry;
  }

  @Mutation(() => Boolean, {
    description: 'Lets my phone number write to the customer again. True if an entry was removed, false if there was none.',
  })
  async removeWhatsAppSuppression(
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialId', () => ID, { description: 'The credential (phone number) whose list to change.' }) credentialId: string,
    @Arg('customer', { description: 'The customer: +E.164 phone number, or a business-scoped user id.' }) customer: string,
  ): Promise<boolean> {
    const credential = await ownCredential(ctx, credentialId);
    const entry = await ctx.em.findOne(WhatsAppSuppression, { credentialId: credential.id, customerWaId: customerWaIdOf(customer) });
    if (!entry) return false;
    ctx.em.remove(entry);
    auditWithin(ctx.em, {
      actor: requireViewer(ctx),
      action: 'suppression.removed',
      outcome: AuditOutcome.SUCCESS,
      subjectUserId: credential.userId,
      targetType: 'WhatsAppSuppression',
      targetId: entry.id,
      requestId: ctx.requestId,
    });
    await ctx.em.flush();
    return true;
  }
}
