import type { NonEmptyArray } from 'type-graphql';
import { AgentWhatsAppFieldResolver } from '../agents/agent-config.resolver';
import { CredentialHealthResolver } from '../credentials/credential-health.resolver';
import { CredentialResolver, UserCredentialsResolver } from '../credentials/credential.resolver';
import { Agent, User, hostReferenceResolvers } from '../host';
import { CredentialWebhookResolver, WebhookMutationResolver } from '../webhooks';

/** Every resolver class of the subgraph, and the federation reference resolvers of the host's entities. */
export const RESOLVERS: NonEmptyArray<Function> = [
  CredentialResolver,
  UserCredentialsResolver,
  CredentialHealthResolver,
  AgentWhatsAppFieldResolver,
  CredentialWebhookResolver,
  WebhookMutationResolver,
];

export const REFERENCE_RESOLVERS = hostReferenceResolvers;

/** The host's entities: no query of ours returns them, the gateway reaches them through `_entities`. */
export const ORPHANED_TYPES: Function[] = [User, Agent];
