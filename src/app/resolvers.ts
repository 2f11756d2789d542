import type { NonEmptyArray } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { AgentWhatsAppFieldResolver, AgentWhatsAppResolver } from '../agents/agent-config.resolver';
import { AgentMessagingResolver } from '../agents/agent-messaging.resolver';
import { AgentSubscriptionsResolver } from '../agents/agent-subscriptions.resolver';
import { CredentialHealthResolver } from '../credentials/credential-health.resolver';
import { CredentialResolver, UserCredentialsResolver } from '../credentials/credential.resolver';
import { ErrorCodeResolver } from '../errors/error-code.resolver';
import { Agent, User, hostReferenceResolvers } from '../host';
import { KeyRotationResolver } from '../key-rotation';
import { SuppressionResolver } from '../opt-outs';
import { PlatformMigrationResolver } from '../platform-migration';
import { UserErasureResolver } from '../user-erasure';
import { CredentialWebhookResolver, InboundDeadLetterResolver, WebhookMutationResolver } from '../webhooks';

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
  PlatformMigrationResolver,
  SuppressionResolver,
  ErrorCodeResolver,
];

export const REFERENCE_RESOLVERS = hostReferenceResolvers;

/** The host's entities: no query of ours returns them, the gateway reaches them through `_entities`. */
export const ORPHANED_TYPES: Function[] = [User, Agent];
