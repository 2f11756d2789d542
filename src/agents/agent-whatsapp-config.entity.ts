import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, Index } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { BusinessHours } from './business-hours';

/** How one of the host's agents answers on WhatsApp. One per agent, and one agent per phone number. */
@ObjectType({ description: 'An agent\'s WhatsApp configuration.' })
@Entity({ tableName: 'agent_whatsapp_configs' })
@Index({ properties: ['userId'] })
export class AgentWhatsAppConfig {
  [OptionalProps]?: 'id' | 'credentialId' | 'enabled' | 'autoReply' | 'businessHours' | 'welcomeMessage' | 'fallbackMessage' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The host's agent id (the host owns the agents table). */
  @Field(() => ID)
  @Property({ type: 'uuid' })
  @Unique({ name: 'agent_whatsapp_configs_agent_unique' })
  agentId!: string;

  /** The agent's owner, as asserted by the host when WhatsApp was enabled. */
  @Field(() => ID)
  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => WhatsAppCredential, { deleteRule: 'cascade' })
  credential!: WhatsAppCredential;

  @Field()
  @Property({ type: 'text' })
  @Unique({ name: 'agent_whatsapp_configs_phone_number_unique' })
  phoneNumberId!: string;

  @Field()
  @Property({ type: 'boolean' })
  enabled: boolean = true;

  @Field()
  @Property({ type: 'boolean' })
  autoReply: boolean = true;

  @Field(() => BusinessHours, { nullable: true })
  @Property({ type: 'json', nullable: true })
  businessHours: BusinessHours | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  welcomeMessage: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  fallbackMessage: string | null = null;

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
