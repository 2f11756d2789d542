import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { assertOwnerOrAdmin, requireViewer } from '../graphql/viewer-guards';
import { isUuid } from '../graphql/ids';
import { Agent } from '../host/agent.type';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

@Resolver(() => Agent)
export class AgentWhatsAppFieldResolver {
  @FieldResolver(() => AgentWhatsAppConfig, { nullable: true, description: 'The agent\'s WhatsApp configuration; null when WhatsApp is not enabled.' })
  async whatsapp(@Root() agent: Agent, @Ctx() ctx: GraphQLContext): Promise<AgentWhatsAppConfig | null> {
    const viewer = requireViewer(ctx);
    if (!isUuid(agent.id)) return null;
    const config = await ctx.em.findOne(AgentWhatsAppConfig, { agentId: agent.id.toLowerCase() });
    if (!config) return null;
    assertOwnerOrAdmin(viewer, config.userId, 'Agent WhatsApp configuration');
    return config;
  }
}
