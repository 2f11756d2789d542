import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import type { AgentServices } from './agent-services';
import { isUuid, parseId } from '../platform/graphql/ids';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { Agent } from '../host/agent.type';
import { agentLineFor, Conversation, MessagePage, customerWaIdOf, messageHistory } from '../messaging';
import { EnableAgentWhatsAppInput, UpdateAgentWhatsAppInput } from './agent-config.input';
import { ownAgentConfig } from './agent-config-lookup';
import { agentLineOf } from './agent-line';
import { agentWhatsAppStatus, AgentWhatsAppStatus } from './agent-status';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
import { disableAgentWhatsApp } from './disable-agent-whatsapp';
import { enableAgentWhatsApp } from './enable-agent-whatsapp';
import { updateAgentWhatsApp } from './update-agent-whatsapp';

@Resolver(() => Agent)
export class AgentWhatsAppFieldResolver {
  constructor(private readonly services: AgentServices) {}

  @FieldResolver(() => AgentWhatsAppConfig, {
    nullable: true,
    description: 'The agent\'s WhatsApp configuration; null when WhatsApp is not enabled (or the agent is not yours).',
  })
  async whatsApp(@Root() agent: Agent, @Ctx() ctx: GraphQLContext): Promise<AgentWhatsAppConfig | null> {
    const viewer = requireViewer(ctx);
    if (!isUuid(agent.id)) return null;
    const agentId = agent.id.toLowerCase();
    if (!(await this.services.agentOwnership.owns(viewer, agentId, { adminAllowed: true }))) return null;
    const config = await ctx.em.findOne(AgentWhatsAppConfig, { agentId });
    // Null, not NOT_FOUND, for someone else's agent: an error here would tell "configured by someone" from "not configured".
    if (!config || (config.userId !== viewer.userId && !viewer.isAdmin)) return null;
    return config;
  }

  @FieldResolver(() => AgentWhatsAppConfig, { nullable: true, description: 'Old name of whatsApp.', deprecationReason: 'Use whatsApp.' })
  async whatsapp(@Root() agent: Agent, @Ctx() ctx: GraphQLContext): Promise<AgentWhatsAppConfig | null> {
    return this.whatsApp(agent, ctx);
  }
}

/** The owner's view of content (messages, customers): admins manage configurations, they do not read conversations. */
function assertContentOwner(ctx: GraphQLContext, config: AgentWhatsAppConfig): string {
  const viewer = requireViewer(ctx);
  if (viewer.userId !== config.userId) throw PublicError.notFound('Agent');
  return viewer.userId;
}

@Resolver(() => AgentWhatsAppConfig)
export class AgentWhatsAppResolver {
  constructor(private readonly services: AgentServices) {}

  @Query(() => AgentWhatsAppConfig, { description: 'One of my agents\' WhatsApp configuration; NOT_FOUND for anyone else\'s.' })
  async agentWhatsApp(@Arg('agentId', () => ID, { description: 'The host\'s id of one of my agents.' }) agentId: string, @Ctx() ctx: GraphQLContext): Promise<AgentWhatsAppConfig> {
    const viewer = requireViewer(ctx);
    await this.services.agentOwnership.assertOwns(viewer, parseId(agentId, 'Agent'), { adminAllowed: true });
    return ownAgentConfig(ctx.em, viewer, agentId, { adminAllowed: true });
  }

  @Mutation(() => AgentWhatsAppConfig, { description: 'Puts one of my agents on one of my phone numbers (or on the platform\'s shared number while I use it).' })
  async enableAgentWhatsApp(@Arg('input', { description: 'The agent, its number and its settings.' }) input: EnableAgentWhatsAppInput, @Ctx() ctx: GraphQLContext): Promise<AgentWhatsAppConfig> {
    const viewer = requireViewer(ctx);
    await this.services.agentOwnership.assertOwns(viewer, parseId(input.agentId, 'Agent'));
    return enableAgentWhatsApp(ctx.em, this.services.config.platform.defaultSource, viewer, input, ctx.requestId);
  }

  @Mutation(() => AgentWhatsAppConfig, { description: 'Changes an agent\'s WhatsApp settings (auto-reply, messages, business hours, pause).' })
  async updateAgentWhatsApp(
    @Arg('agentId', () => ID, { description: 'The host\'s id of one of my agents.' }) agentId: string,
    @Arg('input', { description: 'The settings to change; omitted ones keep their value.' }) input: UpdateAgentWhatsAppInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AgentWhatsAppConfig> {
    const viewer = requireViewer(ctx);
    await this.services.agentOwnership.assertOwns(viewer, parseId(agentId, 'Agent'));
    return updateAgentWhatsApp(ctx.em, viewer, agentId, input, ctx.requestId);
  }

  @Mutation(() => ID, { description: 'Removes the agent\'s WhatsApp configuration and frees its phone number; returns the agent id.' })
  async disableAgentWhatsApp(@Arg('agentId', () => ID, { description: 'The host\'s id of one of my agents.' }) agentId: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    const viewer = requireViewer(ctx);
    await this.services.agentOwnership.assertOwns(viewer, parseId(agentId, 'Agent'), { adminAllowed: true });
    return disableAgentWhatsApp(ctx.em, viewer, agentId, ctx.requestId);
  }

  // Nullable, like every single object below a host entity: a failure here costs the host only this field.
  @FieldResolver(() => AgentWhatsAppStatus, {
    nullable: true,
    description: 'Credential health, webhook routing, activity and the 24-hour windows; null only when it could not be read (see the error).',
  })
  async status(@Root() config: AgentWhatsAppConfig, @Ctx() ctx: GraphQLContext): Promise<AgentWhatsAppStatus> {
    requireViewer(ctx);
    return agentWhatsAppStatus(ctx.em, this.services.config.platform.defaultSource, config);
  }

  @FieldResolver(() => MessagePage, {
    nullable: true,
    description: 'The agent\'s messages, newest first; only one customer\'s with `customer`. Null, with NOT_FOUND, for anyone but the agent\'s owner (administrators too).',
  })
  async messages(
    @Root() config: AgentWhatsAppConfig,
    @Ctx() ctx: GraphQLContext,
    @Arg('customer', () => String, { nullable: true, description: '+E.164, Meta\'s wa_id digits, or a business-scoped user id.' })
    customer: string | null,
    @Arg('first', () => Int, { defaultValue: 20, description: '1 to 100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<MessagePage> {
    const userId = assertContentOwner(ctx, config);
    return messageHistory(ctx.em.fork(), { userId, agentId: config.agentId, customer, first, after });
  }

  @FieldResolver(() => Conversation, { nullable: true, description: 'The thread with one customer, with its 24-hour window.' })
  async conversation(
    @Root() config: AgentWhatsAppConfig,
    @Ctx() ctx: GraphQLContext,
    @Arg('customer', () => String, { description: 'The customer\'s WhatsApp id or phone number.' }) customer: string,
  ): Promise<Conversation | null> {
    const userId = assertContentOwner(ctx, config);
    const customerWaId = customerWaIdOf(customer, 'customer');
    // The thread on the agent's current line: its own number's, or its own on the platform's shared number.
    const { credential } = await agentLineOf(ctx.em.fork(), this.services.config.platform.defaultSource, config);
    if (!credential) return null;
    return ctx.em.fork().findOne(Conversation, { userId, phoneNumberId: credential.phoneNumberId, customerWaId, agentLine: agentLineFor(credential, config.agentId) });
  }
}
