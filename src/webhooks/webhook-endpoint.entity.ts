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
  [OptionalProps]?: 'id' | 'credentialId' | 'status' | 'statusReason' | 'routing' | 'createdAt' | 'updatedAt' | 'configuredAt' | 'verifiedAt' | 'configureAttempts' | 'lastDeliveryAt' | 'subscribedFields' | 'fieldsNote';

  @Field(() => ID, { description: 'The endpoint\'s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: 'The host\'s id of the credential\'s owner.' })
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

  @Field({ description: 'Meta\'s id of the phone number whose events arrive here.' })
  @Property({ type: 'text' })
  phoneNumberId!: string;

  @Field(() => WebhookStatus, { description: 'Whether Meta delivers to the endpoint.' })
  @Enum({ items: () => WebhookStatus })
  status: WebhookStatus = WebhookStatus.PENDING;

  @Field(() => String, { nullable: true, description: 'Why configuration failed, in words; null when it did not.' })
  @Property({ type: 'text', nullable: true })
  statusReason: string | null = null;

  @Field(() => WebhookRouting, { description: 'Which of Meta\'s callback settings routes the number\'s webhooks.' })
  @Enum({ items: () => WebhookRouting })
  routing: WebhookRouting = WebhookRouting.UNKNOWN;

  @Property({ type: 'integer' })
  configureAttempts: number = 0;

  @Field(() => [String], {
    description: 'The webhook fields Meta lists for the credential\'s app, read back at the last configuration (Meta chooses fields per app, not per number); empty until then.',
  })
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  subscribedFields: string[] = [];

  @Field(() => String, {
    nullable: true,
    description: 'Why some webhook fields the plugin uses do not reach this endpoint (the app\'s callback URL points elsewhere, or Meta refused the subscription); null when they all do.',
  })
  @Property({ type: 'text', nullable: true })
  fieldsNote: string | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the plugin last configured the webhook at Meta.' })
  @Property({ type: 'timestamptz', nullable: true })
  configuredAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last successful verification handshake from Meta.' })
  @Property({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last authenticated delivery from Meta was processed, to within a second.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastDeliveryAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When the endpoint was created.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLISODateTime, { description: 'When the endpoint last changed.' })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => ID, { description: 'The credential the endpoint belongs to.' })
  get credentialId(): string {
    return this.credential.id;
  }
}
