import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique, Index } from '@mikro-orm/decorators/legacy';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { serviceWindowOf } from './customer-window';

/**
 * A customer's thread with one phone number (and the agent answering on it). The seed pointed at the
 * host's conversations table; the plugin cannot write there, so it keeps its own.
 */
// An entity the host may reference by id; resolved in src/platform/graphql/plugin-entity-references.ts.
@Directive('@key(fields: "id")')
@ObjectType('WhatsAppConversation', { description: 'A customer\'s WhatsApp thread with one phone number.' })
@Entity({ tableName: 'whatsapp_conversations' })
@Unique({ name: 'whatsapp_conversations_phone_customer_unique', properties: ['phoneNumberId', 'customerWaId', 'agentLine'] })
@Index({ properties: ['agentId'] })
// History filtered to one customer starts from their threads.
@Index({ name: 'whatsapp_conversations_user_customer_idx', properties: ['userId', 'customerWaId'] })
export class Conversation {
  [OptionalProps]?: 'id' | 'agentId' | 'agentLine' | 'lastInboundAt' | 'lastOutboundAt' | 'agentPausedUntil' | 'createdAt' | 'customerName' | 'windowOpen' | 'windowClosesAt';

  @Field(() => ID, { description: 'The conversation\'s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: 'The host\'s id of the number\'s owner.' })
  @Property({ type: 'uuid' })
  userId!: string;

  @Field({ description: 'Meta\'s id of the business phone number.' })
  @Property({ type: 'text' })
  phoneNumberId!: string;

  @Field(() => ID, { nullable: true, description: 'The agent that talks to the customer; null when none does.' })
  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  /**
   * '' on a number of the owner's own (the number is the thread). On the platform's shared number, where
   * one customer may talk to several users' agents, the agent's id: each agent has its own thread.
   */
  @Property({ type: 'text', default: '' })
  agentLine: string = '';

  @Field({ description: 'The customer\'s WhatsApp id (digits, or a business-scoped user id).' })
  @Property({ type: 'text' })
  customerWaId!: string;

  @Field(() => String, { nullable: true, description: 'The customer\'s WhatsApp profile name, when Meta sent it.' })
  @Property({ type: 'text', nullable: true })
  customerName: string | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Opens the 24-hour customer-service window.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastInboundAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last message to the customer was sent.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastOutboundAt: Date | null = null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'The agent stays silent here until then, because the owner wrote from the WhatsApp Business app on the same number; null when not paused.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  agentPausedUntil: Date | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When the customer first wrote (or was first written to).' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field({ description: 'Free-form messages can be sent now: the customer wrote within the last 24 hours.' })
  get windowOpen(): boolean {
    return serviceWindowOf(this.lastInboundAt).open;
  }

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the 24-hour window closes (or closed); null before the customer writes.' })
  get windowClosesAt(): Date | null {
    return serviceWindowOf(this.lastInboundAt).closesAt;
  }
}
