import { FieldResolver, Resolver, Root } from 'type-graphql';
import { AgentWhatsAppConfig } from '../agents/agent-whatsapp-config.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { Conversation } from '../messaging/conversation.entity';
import { Message } from '../messaging/message.entity';
import { WhatsAppMigration } from '../platform-migration/whatsapp-migration.entity';
import { InboundDeadLetter } from '../webhooks/inbound-dead-letter.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';
import { Agent } from '../host';
import { User } from '../host';

/*
 * Where a plugin object holds the id of one of the host's users or agents, it also offers the host's
 * entity itself: we answer `{ id }` and the gateway fetches the rest from the host subgraph. Every
 * reference is nullable, so a user or agent the host no longer knows costs a client that one field,
 * never the object around it.
 */

const userRef = (id: string | null): User | null => (id ? { id } : null);
const agentRef = (id: string | null): Agent | null => (id ? { id } : null);

const USER = 'The host\'s user with this userId; its fields come from the host.';
const AGENT = 'The host\'s agent with this agentId; its fields come from the host. Null without an agent.';

@Resolver(() => WhatsAppCredential)
class CredentialReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: USER })
  user(@Root() credential: WhatsAppCredential): User | null {
    return userRef(credential.userId);
  }
}

@Resolver(() => Message)
class MessageReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: USER })
  user(@Root() message: Message): User | null {
    return userRef(message.userId);
  }

  @FieldResolver(() => Agent, { nullable: true, description: AGENT })
  agent(@Root() message: Message): Agent | null {
    return agentRef(message.agentId);
  }
}

@Resolver(() => Conversation)
class ConversationReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: USER })
  user(@Root() conversation: Conversation): User | null {
    return userRef(conversation.userId);
  }

  @FieldResolver(() => Agent, { nullable: true, description: AGENT })
  agent(@Root() conversation: Conversation): Agent | null {
    return agentRef(conversation.agentId);
  }
}

@Resolver(() => AgentWhatsAppConfig)
class AgentConfigReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: USER })
  user(@Root() config: AgentWhatsAppConfig): User | null {
    return userRef(config.userId);
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The host\'s agent this configuration belongs to; its fields come from the host.' })
  agent(@Root() config: AgentWhatsAppConfig): Agent | null {
    return agentRef(config.agentId);
  }
}

@Resolver(() => AuditEntry)
class AuditEntryReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: 'The host\'s user who acted (actorUserId); null for the system.' })
  actor(@Root() entry: AuditEntry): User | null {
    return userRef(entry.actorUserId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The host\'s user whose data the operation concerned (subjectUserId).' })
  subject(@Root() entry: AuditEntry): User | null {
    return userRef(entry.subjectUserId);
  }
}

@Resolver(() => WebhookEndpoint)
class WebhookEndpointReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: USER })
  user(@Root() endpoint: WebhookEndpoint): User | null {
    return userRef(endpoint.userId);
  }
}

@Resolver(() => InboundDeadLetter)
class DeadLetterReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: USER })
  user(@Root() letter: InboundDeadLetter): User | null {
    return userRef(letter.userId);
  }
}

@Resolver(() => WhatsAppMigration)
class MigrationReferenceFields {
  @FieldResolver(() => User, { nullable: true, description: USER })
  user(@Root() migration: WhatsAppMigration): User | null {
    return userRef(migration.userId);
  }
}

export const HOST_REFERENCE_FIELD_RESOLVERS = [
  CredentialReferenceFields,
  MessageReferenceFields,
  ConversationReferenceFields,
  AgentConfigReferenceFields,
  AuditEntryReferenceFields,
  WebhookEndpointReferenceFields,
  DeadLetterReferenceFields,
  MigrationReferenceFields,
];
