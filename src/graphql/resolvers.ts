import type { NonEmptyArray } from 'type-graphql';
import { AgentWhatsAppFieldResolver } from '../agents/agent-config.resolver';
import { CredentialHealthResolver } from '../credentials/credential-health.resolver';
import { CredentialResolver, UserCredentialsResolver } from '../credentials/credential.resolver';
import { hostReferenceResolvers } from '../host';

/** Every resolver class of the subgraph, and the federation reference resolvers of the host's entities. */
export const RESOLVERS: NonEmptyArray<Function> = [
  CredentialResolver,
  UserCredentialsResolver,
  CredentialHealthResolver,
  AgentWhatsAppFieldResolver,
];

export const REFERENCE_RESOLVERS = hostReferenceResolvers;
