import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { WebhookRouting, WebhookStatus } from './webhook-status';

/** The unique webhook endpoint of one credential, and what we know of Meta's configuration for it. */
@ObjectType('WhatsAppWebhookEndpoint', { description: 'The webhook endpoint WhatsApp delivers a credential\'s events to.' })
@Entity({ tableName: 'whatsapp_webhooks' })
@Index({ properties: ['userId'] })
export class WebhookEndpoint {
  [OptionalProps]?: 'id' | 'credentialId' | 'status' | 'statusReason' | 'routing' | 'createdAt' | 'updatedAt' | 'configuredAt' | 'verifiedAt' | 'configureAttempts' | 'lastDeliveryAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => WhatsAppCredential, { deleteRule: 'cascade' })
  @Unique({ name: 'whatsapp_webhooks_credential_unique' })
  credential!: WhatsAppCredential;

  /** The unguessable path segment of the endpoint URL (never the phone number or a database id). */
  @Property({ type: 'text' })
  @Unique({ name: 'whatsapp_webhooks_endpoint_key_unique' })
  endpointKey!: string;

  @Field({ description: 'The callback URL given to Meta.' })
  @Property({ type: 'text' })
  webhookUrl!: string;

  @Field()
  @Property({ type: 'text' })
  phoneNumberId!: string;

  @Field(() => WebhookStatus)
  @Enum({ items: () => WebhookStatus })
  status: WebhookStatus = WebhookStatus.PENDING;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  statusReason: string | null = null;

  @Field(() => WebhookRouting)
  @Enum({ items: () => WebhookRouting })
  routing: WebhookRouting = WebhookRouting.UNKNOWN;

  @Property({ type: 'integer' })
  configureAttempts: number = 0;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  configuredAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last successful verification handshake from Meta.' })
  @Property({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last authenticated delivery from Meta was processed.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastDeliveryAt: Date | null = null;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => ID)
  get credentialId(): string {
    return this.credential.id;
  }
}
