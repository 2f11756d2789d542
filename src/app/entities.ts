import { AgentReply } from '../agents/agent-reply.entity';
import { AgentWhatsAppConfig } from '../agents/agent-whatsapp-config.entity';
import { FailureAlertTally } from '../alerts/failure-alert-tally.entity';
import { FailureDigestSetting } from '../alerts/failure-digest-setting.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { PlatformCredentialState, UserCredentialSource } from '../credentials/credential-source';
import { KeyRotationRun } from '../key-rotation/key-rotation-run.entity';
import { UserKeyRotation } from '../key-rotation/user-key-rotation.entity';
import { KeyringKey, KeyringKeyVersion } from '../adapters/keys/keyring-key.entity';
import { Conversation } from '../messaging/conversation.entity';
import { WhatsAppSuppression } from '../opt-outs/whatsapp-suppression.entity';
import { WhatsAppTemplate } from '../templates/whatsapp-template.entity';
import { WhatsAppMigration } from '../platform-migration/whatsapp-migration.entity';
import { Message } from '../messaging/message.entity';
import { RateLimitBucket } from '../rate-limits/rate-limit-bucket.entity';
import { MessageStatusEvent } from '../messaging/message-status-event.entity';
import { InboundDeadLetter } from '../webhooks/inbound-dead-letter.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';
import { WhatsAppCall } from '../webhooks/whatsapp-call.entity';

/**
 * Every entity the plugin owns: the only place the ORM learns about them. Entity files are imported
 * directly (not through the domain barrels) so that loading the ORM never drags in services.
 */
export const ALL_ENTITIES: Function[] = [
  WhatsAppCredential,
  WebhookEndpoint,
  WebhookDelivery,
  InboundDeadLetter,
  WhatsAppCall,
  AgentWhatsAppConfig,
  AgentReply,
  Conversation,
  Message,
  MessageStatusEvent,
  AuditEntry,
  KeyringKey,
  KeyringKeyVersion,
  RateLimitBucket,
  UserKeyRotation,
  KeyRotationRun,
  UserCredentialSource,
  PlatformCredentialState,
  WhatsAppMigration,
  WhatsAppSuppression,
  WhatsAppTemplate,
  FailureAlertTally,
  FailureDigestSetting,
];
