import type { NonEmptyArray } from 'type-graphql';
import type { AppServices } from './app-services';
import { ResolverContainer } from './resolver-container';
import { AuditResolver } from '../audit/audit.resolver';
import { AgentWhatsAppFieldResolver, AgentWhatsAppResolver } from '../agents/agent-config.resolver';
import { AgentMessagingResolver } from '../agents/agent-messaging.resolver';
import { agentSubscriptionsResolver, type AgentSubscriptionServices } from '../agents';
import { FailureAlertsResolver } from '../alerts';
import { CredentialHealthResolver } from '../credentials/credential-health.resolver';
import { CredentialResolver, UserCredentialsResolver } from '../credentials/credential.resolver';
import { CredentialValidationResolver } from '../credentials/credential-validation.resolver';
import { ErrorCodeResolver } from '../platform/errors/error-code.resolver';
import { Agent, User, hostReferenceResolvers } from '../host';
import { HOST_REFERENCE_FIELD_RESOLVERS } from './entity-reference-fields.resolver';
import { KeyRotationResolver } from '../key-rotation';
import { MessageAliasesResolver } from '../messaging';
import { MediaUploadResolver, MessageMediaResolver } from '../media';
import { SuppressionResolver } from '../opt-outs';
import { TemplatesResolver } from '../templates';
import { PlatformMigrationResolver } from '../platform-migration';
import { UserErasureResolver } from '../user-erasure';
import { CredentialWebhookResolver, InboundDeadLetterResolver, WebhookMutationResolver, WhatsAppCallResolver } from '../webhooks';
import { pluginEntityReferenceResolvers } from './plugin-entity-references';

/** The resolver classes declared once, at load; the container builds those that take services. */
const DECLARED_RESOLVERS: NonEmptyArray<Function> = [
  CredentialResolver,
  UserCredentialsResolver,
  CredentialHealthResolver,
  AgentWhatsAppFieldResolver,
  AuditResolver,
  KeyRotationResolver,
  UserErasureResolver,
  AgentWhatsAppResolver,
  AgentMessagingResolver,
  CredentialWebhookResolver,
  WebhookMutationResolver,
  InboundDeadLetterResolver,
  WhatsAppCallResolver,
  PlatformMigrationResolver,
  SuppressionResolver,
  MessageMediaResolver,
  MediaUploadResolver,
  TemplatesResolver,
  FailureAlertsResolver,
  ErrorCodeResolver,
  MessageAliasesResolver,
  CredentialValidationResolver,
  ...HOST_REFERENCE_FIELD_RESOLVERS,
];

/**
 * Every resolver class of the subgraph. The agents' subscriptions are built here over their services:
 * type-graphql calls their `subscribe` functions without an instance (docs/architecture.md, "How
 * services reach resolvers").
 */
export function subgraphResolvers(services: AgentSubscriptionServices): NonEmptyArray<Function> {
  return [...DECLARED_RESOLVERS, agentSubscriptionsResolver(services)];
}

/**
 * What only refuses: the services of a schema built to be printed or checked (schema emission, the
 * composition and lint tests), where nothing subscribes. The schema's shape does not depend on them.
 */
const UNWIRED: AgentSubscriptionServices = {
  get orm(): never {
    throw new Error('This schema was built to be printed: it has no database');
  },
  get eventBus(): never {
    throw new Error('This schema was built to be printed: it has no event bus');
  },
};

/** Every resolver class, for building the schema without running it. */
export const SCHEMA_RESOLVERS = subgraphResolvers(UNWIRED);

/**
 * The resolvers that take their domain's services in the constructor, built with them; the compiler
 * checks each against its constructor.
 */
export function resolverContainer(services: AppServices): ResolverContainer {
  return new ResolverContainer()
    .provide(CredentialResolver, services)
    .provide(CredentialValidationResolver, services)
    .provide(MediaUploadResolver, services)
    .provide(MessageMediaResolver, services)
    .provide(AgentWhatsAppFieldResolver, services)
    .provide(AgentWhatsAppResolver, services)
    .provide(AgentMessagingResolver, services)
    .provide(PlatformMigrationResolver, services)
    .provide(KeyRotationResolver, services.keyRotation)
    .provide(UserErasureResolver, services.userErasure)
    .provide(WebhookMutationResolver, services)
    .provide(TemplatesResolver, services);
}

export const REFERENCE_RESOLVERS = { ...hostReferenceResolvers, ...pluginEntityReferenceResolvers };

/** The host's entities: no query of ours returns them, the gateway reaches them through `_entities`. */
export const ORPHANED_TYPES: Function[] = [User, Agent];
