import type { NonEmptyArray } from 'type-graphql';
import type { AppServices } from './app-services';
import { ResolverContainer } from './resolver-container';
import { AuditResolver } from '../audit/audit.resolver';
import { AgentWhatsAppFieldResolver, AgentWhatsAppResolver } from '../agents/agent-config.resolver';
import { AgentMessagingResolver } from '../agents/agent-messaging.resolver';
import { AgentSubscriptionsResolver } from '../agents/agent-subscriptions.resolver';
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

/** Every resolver class of the subgraph, and the federation reference resolvers of the host's entities. */
export const RESOLVERS: NonEmptyArray<Function> = [
  CredentialResolver,
  UserCredentialsResolver,
  CredentialHealthResolver,
  AgentWhatsAppFieldResolver,
  AuditResolver,
  KeyRotationResolver,
  UserErasureResolver,
  AgentWhatsAppResolver,
  AgentMessagingResolver,
  AgentSubscriptionsResolver,
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
 * The resolvers that take their domain's services in the constructor, built with them; the compiler
 * checks each against its constructor. The agents domain still reads them from the context
 * (docs/architecture.md, "How services reach resolvers").
 */
export function resolverContainer(services: AppServices): ResolverContainer {
  return new ResolverContainer()
    .provide(CredentialResolver, services)
    .provide(CredentialValidationResolver, services)
    .provide(MediaUploadResolver, services)
    .provide(MessageMediaResolver, services)
    .provide(PlatformMigrationResolver, services)
    .provide(KeyRotationResolver, services.keyRotation)
    .provide(UserErasureResolver, services.userErasure)
    .provide(WebhookMutationResolver, services)
    .provide(TemplatesResolver, services);
}

export const REFERENCE_RESOLVERS = { ...hostReferenceResolvers, ...pluginEntityReferenceResolvers };

/** The host's entities: no query of ours returns them, the gateway reaches them through `_entities`. */
export const ORPHANED_TYPES: Function[] = [User, Agent];
