import { Field, ID, InputType, Int } from 'type-graphql';
import { BusinessHours } from './business-hours';

@InputType('WhatsAppEnableAgentInput', { description: 'Puts an agent on a WhatsApp number, with its first settings.' })
export class EnableAgentWhatsAppInput {
  @Field(() => ID, { description: 'The host\'s agent id. The host only shows users their own agents; the caller becomes the owner.' })
  agentId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'One of your credentials: the agent answers on its phone number. Omit it to use the platform\'s shared number (while your agents use the platform\'s credentials).',
  })
  credentialId?: string | null;

  @Field({ defaultValue: true, description: 'Answer customers through the agent runtime (and send welcome/fallback messages).' })
  autoReply!: boolean;

  @Field({ defaultValue: false, description: 'Mark each customer message read as soon as the agent runtime is asked about it.' })
  markRead!: boolean;

  @Field({ defaultValue: false, description: 'Show "typing…" to the customer while the agent runtime works (also marks the message read).' })
  typingIndicator!: boolean;

  @Field(() => Int, { defaultValue: 30, description: 'Minutes the agent stays silent in a conversation after its owner writes from the WhatsApp Business app (0 to 10,080; 0 never pauses).' })
  ownerReplyPauseMinutes!: number;

  @Field(() => String, { nullable: true, description: 'Sent on a customer\'s first message; at most 4,096 characters.' })
  welcomeMessage?: string | null;

  @Field(() => String, { nullable: true, description: 'Sent outside business hours, once per closed period; at most 4,096 characters.' })
  fallbackMessage?: string | null;

  @Field(() => BusinessHours, { nullable: true, description: 'When the agent answers; omit it to answer at any time.' })
  businessHours?: BusinessHours | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Opt-out keywords for customers of this agent\'s own number, instead of STOP and UNSUBSCRIBE: 1 to 10, each 1 to 32 characters, matched as the whole message in any case. Omit for the defaults.',
  })
  optOutKeywords?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Opt-in keywords instead of START, with the same limits. Omit for the default.' })
  optInKeywords?: string[] | null;
}

@InputType('WhatsAppUpdateAgentInput', { description: 'Omitted fields keep their value; null clears a message or the business hours.' })
export class UpdateAgentWhatsAppInput {
  @Field(() => Boolean, { nullable: true, description: 'Off pauses the agent on WhatsApp: inbound messages are stored, nothing is answered.' })
  enabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Answer customers through the agent runtime.' })
  autoReply?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Mark each customer message read as soon as the agent runtime is asked about it.' })
  markRead?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Show "typing…" to the customer while the agent runtime works (also marks the message read).' })
  typingIndicator?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Minutes the agent stays silent after its owner writes from the WhatsApp Business app (0 to 10,080; 0 never pauses).' })
  ownerReplyPauseMinutes?: number | null;

  @Field(() => String, { nullable: true, description: 'Sent on a customer\'s first message; null removes it.' })
  welcomeMessage?: string | null;

  @Field(() => String, { nullable: true, description: 'Sent outside business hours; null removes it.' })
  fallbackMessage?: string | null;

  @Field(() => BusinessHours, { nullable: true, description: 'New business hours; null: answer at any time.' })
  businessHours?: BusinessHours | null;

  @Field(() => [String], {
    nullable: true,
    description: 'New opt-out keywords for the agent\'s own number (1 to 10, each 1 to 32 characters, any case); null: back to STOP and UNSUBSCRIBE.',
  })
  optOutKeywords?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'New opt-in keywords, with the same limits; null: back to START.' })
  optInKeywords?: string[] | null;
}
