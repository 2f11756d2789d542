import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isErrorCode, WhatsAppErrorCode, type ErrorCode } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import { ADMIN_ONLY } from '../platform/graphql/contract-tags';
import { parseId } from '../platform/graphql/ids';
import { decodeCursor, PageInfo, pageSize, toPage } from '../platform/graphql/pagination';
import { requireAdmin, requireViewer } from '../platform/graphql/viewer-guards';
import { AuditEntry } from './audit-entry.entity';

@ObjectType('WhatsAppAuditEntryConnection', { description: 'One page of audit entries, newest first.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntry], { description: 'The entries of this page.' })
  nodes!: AuditEntry[];

  @Field(() => PageInfo, { description: 'Where the page ends and whether there are older entries.' })
  pageInfo!: PageInfo;
}

async function page(ctx: GraphQLContext, where: FilterQuery<AuditEntry>, first?: number | null, after?: string | null): Promise<AuditEntryConnection> {
  const size = pageSize(first);
  const cursor = decodeCursor(after, 1);
  const rows = await ctx.em.find(
    AuditEntry,
    cursor ? { $and: [where, { id: { $lt: String(cursor[0]) } }] } : where,
    { orderBy: { id: 'desc' }, limit: size + 1 },
  );
  return toPage(rows, size, (e) => [e.id]);
}

function targetFilter(targetId: string | null | undefined): { targetId?: string } {
  return targetId ? { targetId: parseId(targetId, 'Credential') } : {};
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @FieldResolver(() => WhatsAppErrorCode, {
    nullable: true,
    description:
      'The error code when the operation failed or was refused, as in `extensions.code` of an error; null on success, and when the recorded code is not a WhatsAppErrorCode (see recordedErrorCode).',
  })
  errorCode(@Root() entry: AuditEntry): ErrorCode | null {
    // Internal failures record values outside the enum; returning them would fail the whole page.
    return entry.errorCode !== null && isErrorCode(entry.errorCode) ? entry.errorCode : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The error code exactly as recorded, for diagnosis: a WhatsAppErrorCode, or an internal value that is not one (the failed step of a webhook configuration, the error class of a key rotation, CIPHERTEXT_BINDING_FAILED). Not a stable contract: branch on errorCode.',
  })
  recordedErrorCode(@Root() entry: AuditEntry): string | null {
    return entry.errorCode;
  }

  @Query(() => AuditEntryConnection, { description: 'Operations on my data (by me, an administrator or the plugin), newest first.' })
  async myWhatsAppAuditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('targetId', () => ID, { nullable: true, description: 'Only entries about this credential.' }) targetId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many items per page: 20 by default, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<AuditEntryConnection> {
    const viewer = requireViewer(ctx);
    return page(ctx, { subjectUserId: viewer.userId, ...targetFilter(targetId) }, first, after);
  }

  @Directive(ADMIN_ONLY)
  @Query(() => AuditEntryConnection, { description: 'Administrators: the whole audit log, newest first.' })
  async adminWhatsAppAuditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('userId', () => ID, { nullable: true, description: 'Only entries about this user\'s data.' }) userId?: string | null,
    @Arg('action', () => String, { nullable: true, description: 'e.g. credential.connect' }) action?: string | null,
    @Arg('targetId', () => ID, { nullable: true, description: 'Only entries about this object (e.g. a credential id).' }) targetId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many items per page: 20 by default, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<AuditEntryConnection> {
    requireAdmin(ctx);
    return page(
      ctx,
      {
        ...(userId ? { subjectUserId: parseId(userId, 'User') } : {}),
        ...(action ? { action } : {}),
        ...targetFilter(targetId),
      },
      first,
      after,
    );
  }
}
