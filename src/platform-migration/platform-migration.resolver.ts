import { Arg, Ctx, Directive, Field, GraphQLISODateTime, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  CredentialSource,
  credentialSourceOf,
  CredentialStatus,
  platformCredentialOf,
  platformStateOf,
  commandContextOf,
  WhatsAppCredential,
} from '../credentials';
import { ADMIN_ONLY } from '../platform/graphql/contract-tags';
import type { GraphQLContext } from '../platform/graphql/context';
import type { PlatformMigrationServices } from './platform-migration-services';
import { requireAdmin, requireViewer } from '../platform/graphql/viewer-guards';
import { planMigration } from './migration-plan';
import { rollBackMigration, runMigration } from './migration-wizard';
import { platformDependents, retirePlatform, setPlatformDeprecated, setUserCredentialSource } from './platform-deprecation';
import { WhatsAppMigration } from './whatsapp-migration.entity';

@ObjectType('WhatsAppMigrationAgent', { description: 'One of your agents and the number it would move to.' })
class MigrationAgentPreview {
  @Field(() => ID, { description: 'The host\'s id of the agent.' })
  agentId!: string;

  @Field(() => ID, { nullable: true, description: 'Your credential the agent moves to; null when you have none left for it.' })
  credentialId!: string | null;

  @Field(() => String, { nullable: true, description: 'The phone number the agent would move to; null without one.' })
  phoneNumber!: string | null;

  @Field(() => CredentialStatus, { nullable: true, description: 'That credential\'s status; null without one.' })
  credentialStatus!: CredentialStatus | null;
}

@ObjectType('WhatsAppMigrationPreview', { description: 'What a migration to your own WhatsApp credentials would do, before doing it.' })
class MigrationPreview {
  @Field(() => CredentialSource, { description: 'The credentials your agents use now.' })
  source!: CredentialSource;

  @Field({ description: 'A run would succeed as far as the plugin can tell (Meta is asked again when it runs).' })
  ready!: boolean;

  @Field(() => [MigrationAgentPreview], { description: 'Your agents and the number each would move to.' })
  agents!: MigrationAgentPreview[];

  @Field(() => [String], { description: 'What you must do first, in words; empty when ready.' })
  requirements!: string[];

  @Field(() => Int, { description: 'Hours after a run during which you can roll back.' })
  rollbackWindowHours!: number;

  @Field(() => WhatsAppMigration, { nullable: true, description: 'Your latest run, if any.' })
  migration!: WhatsAppMigration | null;
}

@InputType('WhatsAppMigrationAgentInput', { description: 'One agent and the number it moves to.' })
class MigrationAgentInput {
  @Field(() => ID, { description: 'The host\'s id of one of your agents.' })
  agentId!: string;

  @Field(() => ID, { description: 'One of your credentials: the agent moves to its number.' })
  credentialId!: string;
}

@InputType('WhatsAppRunMigrationInput', { description: 'Choices for a migration run.' })
class RunMigrationInput {
  @Field(() => [MigrationAgentInput], { nullable: true, description: 'Which of your numbers each agent takes; the preview\'s choice for agents left out.' })
  agents?: MigrationAgentInput[] | null;
}

@ObjectType('WhatsAppPlatformDependent', { description: 'A user whose agents still talk through the platform\'s credentials.' })
class PlatformDependentType {
  @Field(() => ID, { description: 'The host\'s id of the user.' })
  userId!: string;

  @Field(() => Int, { description: 'Enabled agents that talk through the platform\'s credentials.' })
  agentCount!: number;
}

@ObjectType('WhatsAppPlatform', { description: 'The platform\'s shared WhatsApp credentials and who still uses them.' })
class PlatformStatus {
  @Field({ description: 'PLATFORM_WHATSAPP_* are set on this instance.' })
  configured!: boolean;

  @Field(() => WhatsAppCredential, { nullable: true, description: 'The platform\'s credential, once synced with Meta.' })
  credential!: WhatsAppCredential | null;

  @Field(() => CredentialSource, { description: 'WHATSAPP_CREDENTIAL_SOURCE_DEFAULT: the source of users without an override.' })
  defaultSource!: CredentialSource;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When an administrator deprecated the platform\'s credentials; null if not deprecated.' })
  deprecatedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When they were removed for good; null if not retired.' })
  retiredAt!: Date | null;

  @Field(() => [PlatformDependentType], { description: 'Users whose agents still use the platform\'s credentials.' })
  dependents!: PlatformDependentType[];
}

/** Migration from the platform's shared credentials to users' own: the wizard (users) and phases 1 and 3 (admins). */
@Resolver()
export class PlatformMigrationResolver {
  constructor(private readonly services: PlatformMigrationServices) {}

  @Query(() => MigrationPreview, { description: 'What moving your agents to your own WhatsApp numbers would do.' })
  async whatsAppMigrationPreview(@Ctx() ctx: GraphQLContext): Promise<MigrationPreview> {
    const viewer = requireViewer(ctx);
    const { platform } = this.services.config;
    const [source, plan, migration] = await Promise.all([
      credentialSourceOf(ctx.em.fork(), platform.defaultSource, viewer.userId),
      planMigration(ctx.em.fork(), viewer.userId),
      ctx.em.fork().findOne(WhatsAppMigration, { userId: viewer.userId }),
    ]);
    const requirements = source === CredentialSource.USER ? ['Your agents already use your own WhatsApp numbers.'] : plan.requirements;
    return {
      source,
      ready: source === CredentialSource.PLATFORM && plan.requirements.length === 0,
      agents: plan.agents.map(({ config, credential }) => ({
        agentId: config.agentId,
        credentialId: credential?.id ?? null,
        phoneNumber: credential?.phoneNumber ?? null,
        credentialStatus: credential?.status ?? null,
      })),
      requirements,
      rollbackWindowHours: platform.rollbackWindowHours,
      migration,
    };
  }

  @Query(() => WhatsAppMigration, { nullable: true, description: 'Your latest migration run and whether it can be rolled back.' })
  async whatsAppMigration(@Ctx() ctx: GraphQLContext): Promise<WhatsAppMigration | null> {
    return ctx.em.findOne(WhatsAppMigration, { userId: requireViewer(ctx).userId });
  }

  @Mutation(() => WhatsAppMigration, {
    description: 'Checks your credentials with Meta, configures their webhooks, then moves every agent to your own numbers in one step. A failed step moves nothing and is reported in `steps`.',
  })
  async runWhatsAppMigration(
    @Arg('input', () => RunMigrationInput, { nullable: true, description: 'Which number each agent takes; the preview\'s choice when omitted.' }) input: RunMigrationInput | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatsAppMigration> {
    return runMigration(commandContextOf(ctx, this.services), input?.agents ?? []);
  }

  @Mutation(() => WhatsAppMigration, { description: 'Back to the platform\'s credentials: within the rollback window after a run, or after a failed run.' })
  async rollBackWhatsAppMigration(@Ctx() ctx: GraphQLContext): Promise<WhatsAppMigration> {
    return rollBackMigration(commandContextOf(ctx, this.services));
  }

  @Directive(ADMIN_ONLY)
  @Query(() => PlatformStatus, { description: 'Admins: the platform\'s shared credentials, their phase, and who depends on them.' })
  async platformWhatsApp(@Ctx() ctx: GraphQLContext): Promise<PlatformStatus> {
    requireAdmin(ctx);
    return platformStatus(ctx, this.services);
  }

  @Directive(ADMIN_ONLY)
  @Mutation(() => CredentialSource, {
    description: 'Admins: which credentials one user\'s agents use (null: the global default). Returns the user\'s source now.',
  })
  async setWhatsAppCredentialSource(
    @Arg('userId', () => ID, { description: 'The host\'s id of the user.' }) userId: string,
    @Arg('source', () => CredentialSource, { nullable: true, description: 'The source to use; null removes the override (back to the global default).' }) source: CredentialSource | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CredentialSource> {
    requireAdmin(ctx);
    await setUserCredentialSource(commandContextOf(ctx, this.services), userId, source);
    return credentialSourceOf(ctx.em.fork(), this.services.config.platform.defaultSource, userId.toLowerCase());
  }

  @Directive(ADMIN_ONLY)
  @Mutation(() => PlatformStatus, { description: 'Admins: deprecate (or un-deprecate) the platform\'s credentials: no new agents or users; existing ones keep working.' })
  async deprecatePlatformWhatsApp(@Arg('deprecated', { description: 'True to deprecate, false to take the deprecation back.' }) deprecated: boolean, @Ctx() ctx: GraphQLContext): Promise<PlatformStatus> {
    requireAdmin(ctx);
    await setPlatformDeprecated(commandContextOf(ctx, this.services), deprecated);
    return platformStatus(ctx, this.services);
  }

  @Directive(ADMIN_ONLY)
  @Mutation(() => PlatformStatus, { description: 'Admins: once deprecated and unused, remove the platform\'s credentials for good.' })
  async retirePlatformWhatsApp(@Ctx() ctx: GraphQLContext): Promise<PlatformStatus> {
    requireAdmin(ctx);
    await retirePlatform(commandContextOf(ctx, this.services));
    return platformStatus(ctx, this.services);
  }
}

async function platformStatus(ctx: GraphQLContext, services: PlatformMigrationServices): Promise<PlatformStatus> {
  const em = ctx.em.fork();
  const { platform } = services.config;
  const [state, credential, dependents] = await Promise.all([
    platformStateOf(em),
    platformCredentialOf(em.fork()),
    platformDependents(em.fork(), platform.defaultSource),
  ]);
  return {
    configured: platform.credentials !== undefined,
    credential,
    defaultSource: platform.defaultSource as CredentialSource,
    deprecatedAt: state.deprecatedAt,
    retiredAt: state.retiredAt,
    dependents,
  };
}
