import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, Index } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { BusinessHours } from './business-hours';

/** How one of the host's agents answers on WhatsApp. One per agent, and one agent per phone number. */
@ObjectType('WhatsAppAgentConfig', { description: 'An agent\'s WhatsApp configuration.' })
@Entity({ tableName: 'agent_whatsapp_configs' })
@Index({ properties: ['userId'] })
export class AgentWhatsAppConfig {
  [OptionalProps]?: 'id' | 'credentialId' | 'credential' | 'phoneNumberId' | 'platformCode' | 'enabled' | 'autoReply' | 'markRead' | 'typingIndicator' | 'ownerReplyPauseMinutes' | 'businessHours' | 'welcomeMessage' | 'fallbackMessage' | 'optOutKeywords' | 'optInKeywords' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'The configuration\'s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The host's agent id (the host owns the agents table). */
  @Field(() => ID, { description: 'The host\'s id of the agent.' })
  @Property({ type: 'uuid' })
  @Unique({ name: 'agent_whatsapp_configs_agent_unique' })
  agentId!: string;

  /** The agent's owner, as asserted by the host when WhatsApp was enabled. */
  @Field(() => ID, { description: 'The host\'s id of the agent\'s owner.' })
  @Property({ type: 'uuid' })
  userId!: string;

  /**
   * The owner's own credential the agent answers on; null while the agent only has the platform's shared
   * number. Which of the two it uses is its owner's credential source (see `line`).
   */
  @ManyToOne(() => WhatsAppCredential, { deleteRule: 'cascade', nullable: true })
  credential: WhatsAppCredential | null = null;

  @Field(() => String, { nullable: true, description: 'The phone number id of the agent\'s own credential; null without one.' })
  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'agent_whatsapp_configs_phone_number_unique' })
  phoneNumberId: string | null = null;

  /**
   * How customers reach this agent on the platform's shared number, where many agents share one number:
   * the code in a customer's message (the wa.me link pre-fills it) picks the agent.
   */
  @Field(() => String, { nullable: true, description: 'The code that routes a customer to this agent on the platform\'s shared number.' })
  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'agent_whatsapp_configs_platform_code_unique' })
  platformCode: string | null = null;

  @Field({ description: 'False while the agent is paused on WhatsApp: messages are stored, nothing is answered.' })
  @Property({ type: 'boolean' })
  enabled: boolean = true;

  @Field({ description: 'The agent runtime answers customers (and the welcome and fallback messages are sent).' })
  @Property({ type: 'boolean' })
  autoReply: boolean = true;

  @Field({ description: 'Mark each customer message read (blue ticks) as soon as the agent runtime is asked about it.' })
  @Property({ type: 'boolean', default: false })
  markRead: boolean = false;

  @Field({ description: 'Show "typing…" to the customer while the agent runtime works on a reply (up to 25 s; also marks the message read).' })
  @Property({ type: 'boolean', default: false })
  typingIndicator: boolean = false;

  @Field(() => Int, {
    description: 'Minutes the agent stays silent in a conversation after its owner writes from the WhatsApp Business app on the same number (so it does not talk over them); 0 never pauses.',
  })
  @Property({ type: 'integer', default: 30 })
  ownerReplyPauseMinutes: number = 30;

  @Field(() => BusinessHours, { nullable: true, description: 'When the agent answers; null: at any time.' })
  @Property({ type: 'json', nullable: true })
  businessHours: BusinessHours | null = null;

  @Field(() => String, { nullable: true, description: 'Sent on a customer\'s first message.' })
  @Property({ type: 'text', nullable: true })
  welcomeMessage: string | null = null;

  @Field(() => String, { nullable: true, description: 'Sent outside business hours, once per closed period.' })
  @Property({ type: 'text', nullable: true })
  fallbackMessage: string | null = null;

  @Field(() => [String], {
    nullable: true,
    description: 'What a customer writes, as the whole message and in any case, to stop messages from the agent\'s number (lowercase); null: the defaults, STOP and UNSUBSCRIBE.',
  })
  @Property({ type: 'text[]', nullable: true })
  optOutKeywords: string[] | null = null;

  @Field(() => [String], { nullable: true, description: 'What a customer writes to receive messages again after opting out (lowercase); null: the default, START.' })
  @Property({ type: 'text[]', nullable: true })
  optInKeywords: string[] | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When WhatsApp was enabled for the agent.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLISODateTime, { description: 'When the configuration last changed.' })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => ID, { nullable: true, description: 'The agent\'s own credential; null while it has only the platform\'s number.' })
  get credentialId(): string | null {
    return this.credential?.id ?? null;
  }
}
