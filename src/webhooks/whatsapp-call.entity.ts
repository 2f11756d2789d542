import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';

/**
 * A WhatsApp voice call on one of the owner's numbers, as Meta's `calls` webhook described it: recorded
 * and announced, nothing more (the plugin neither answers nor places calls).
 */
@ObjectType('WhatsAppCall', { description: 'A WhatsApp call to or from one of my numbers, as Meta reported it (the plugin does not handle calls).' })
@Entity({ tableName: 'whatsapp_calls' })
@Unique({ name: 'whatsapp_calls_credential_call_unique', properties: ['credentialId', 'callId'] })
@Index({ name: 'whatsapp_calls_user_idx', properties: ['userId', 'startedAt'] })
export class WhatsAppCall {
  [OptionalProps]?: 'id' | 'status' | 'endedAt' | 'durationSeconds' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Our id of the call.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: 'The host\'s id of the number\'s owner.' })
  @Property({ type: 'uuid' })
  userId!: string;

  @Field(() => ID, { description: 'The credential (phone number) of the call.' })
  @ManyToOne(() => WhatsAppCredential, { mapToPk: true, deleteRule: 'cascade', fieldName: 'credential_id' })
  credentialId!: string;

  @Field({ description: 'WhatsApp\'s id of the call (wacid.…).' })
  @Property({ type: 'text' })
  callId!: string;

  @Field({ description: 'The customer\'s WhatsApp id.' })
  @Property({ type: 'text' })
  customerWaId!: string;

  @Field({ description: 'USER_INITIATED (the customer called) or BUSINESS_INITIATED, as Meta names it.' })
  @Property({ type: 'text' })
  direction!: string;

  @Field({ description: 'The last event Meta sent: connect or terminate.' })
  @Property({ type: 'text' })
  lastEvent!: string;

  @Field(() => String, { nullable: true, description: 'How the call ended (COMPLETED, FAILED), as Meta names it; null while it has not.' })
  @Property({ type: 'text', nullable: true })
  status: string | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When the call began ringing or connected.' })
  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the call ended; null while it has not.' })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt: Date | null = null;

  @Field(() => Int, { nullable: true, description: 'How long the call lasted, in seconds, when Meta says.' })
  @Property({ type: 'integer', nullable: true })
  durationSeconds: number | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLISODateTime, { description: 'When the plugin last recorded a change.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
