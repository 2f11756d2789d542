import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { decodeCursor, PageInfo, pageSize, toPage } from '../graphql/pagination';
import { requireAdmin, requireViewer } from '../graphql/viewer-guards';
import { AuditEntry } from './audit-entry.entity';

@ObjectType('WhatsAppAuditEntryConnection')
export class AuditEntryConnection {
  @Field(() => [AuditEntry])
  nodes!: AuditEntry[];

  @Field(() => PageInfo)
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
  @Query(() => AuditEntryConnection, { description: 'Operations on my data (by me, an administrator or the plugin), newest first.' })
  async myWhatsAppAuditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('targetId', () => ID, { nullable: true, description: 'Only entries about this credential.' }) targetId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AuditEntryConnection> {
    const viewer = requireViewer(ctx);
    return page(ctx, { subjectUserId: viewer.userId, ...targetFilter(targetId) }, first, after);
  }

  @Query(() => AuditEntryConnection, { description: 'Administrators: the whole audit log, newest first.' })
  async adminWhatsAppAuditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('userId', () => ID, { nullable: true, description: 'Only entries about this user\'s data.' }) userId?: string | null,
    @Arg('action', () => String, { nullable: true, description: 'e.g. credential.connect' }) action?: string | null,
    @Arg('targetId', () => ID, { nullable: true }) targetId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
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
