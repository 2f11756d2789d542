import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';

/**
 * The public send API. One input carries exactly one content field (GraphQL inputs have no unions); the
 * sender is an agent (its phone number) or one of the caller's credentials. Limits are checked before any
 * call to Meta; see outbound-content.ts and docs/messaging.md for each one.
 */

export enum TemplateComponentType {
  HEADER = 'header',
  BODY = 'body',
  BUTTON = 'button',
}

export enum TemplateButtonSubType {
  QUICK_REPLY = 'quick_reply',
  URL = 'url',
  COPY_CODE = 'copy_code',
}

export enum TemplateParameterType {
  TEXT = 'text',
  PAYLOAD = 'payload',
  IMAGE = 'image',
  VIDEO = 'video',
  DOCUMENT = 'document',
  CURRENCY = 'currency',
  DATE_TIME = 'date_time',
  COUPON_CODE = 'coupon_code',
}

registerEnumType(TemplateComponentType, { name: 'WhatsAppTemplateComponentType' });
registerEnumType(TemplateButtonSubType, { name: 'WhatsAppTemplateButtonSubType' });
registerEnumType(TemplateParameterType, { name: 'WhatsAppTemplateParameterType' });

@InputType('WhatsAppTextInput')
export class TextInput {
  @Field({ description: '1 to 4,096 characters.' })
  body!: string;

  @Field({ defaultValue: false, description: 'Show a preview of the first URL in the body.' })
  previewUrl!: boolean;
}

@InputType('WhatsAppMediaInput', { description: 'Media by link (Meta fetches it; https recommended).' })
export class MediaInput {
  @Field()
  link!: string;

  @Field({ nullable: true, description: 'Image, video and document only; at most 1,024 characters.' })
  caption?: string;

  @Field({ nullable: true, description: 'Document only; the file name shown to the customer.' })
  filename?: string;
}

@InputType('WhatsAppReplyButtonInput')
export class ReplyButtonInput {
  @Field({ description: 'Returned in the customer\'s button reply; unique, at most 256 characters.' })
  id!: string;

  @Field({ description: 'At most 20 characters.' })
  title!: string;
}

@InputType('WhatsAppButtonsInput', { description: 'An interactive message with 1 to 3 reply buttons.' })
export class ButtonsInput {
  @Field({ description: 'At most 1,024 characters.' })
  body!: string;

  @Field({ nullable: true, description: 'A text header, at most 60 characters.' })
  header?: string;

  @Field({ nullable: true, description: 'At most 60 characters.' })
  footer?: string;

  @Field(() => [ReplyButtonInput])
  buttons!: ReplyButtonInput[];
}

@InputType('WhatsAppListRowInput')
export class ListRowInput {
  @Field({ description: 'Unique across the list, at most 200 characters.' })
  id!: string;

  @Field({ description: 'At most 24 characters.' })
  title!: string;

  @Field({ nullable: true, description: 'At most 72 characters.' })
  description?: string;
}

@InputType('WhatsAppListSectionInput')
export class ListSectionInput {
  @Field({ nullable: true, description: 'At most 24 characters; required when the list has several sections.' })
  title?: string;

  @Field(() => [ListRowInput])
  rows!: ListRowInput[];
}

@InputType('WhatsAppListInput', { description: 'An interactive list: 1 to 10 sections, 10 rows in total.' })
export class ListInput {
  @Field({ description: 'At most 1,024 characters.' })
  body!: string;

  @Field({ nullable: true, description: 'A text header, at most 60 characters.' })
  header?: string;

  @Field({ nullable: true, description: 'At most 60 characters.' })
  footer?: string;

  @Field({ description: 'The label of the button that opens the list, at most 20 characters.' })
  buttonText!: string;

  @Field(() => [ListSectionInput])
  sections!: ListSectionInput[];
}

@InputType('WhatsAppReactionInput')
export class ReactionInput {
  @Field(() => ID, { description: 'The message (our id) to react to; it must be in the same conversation.' })
  messageId!: string;

  @Field({ description: 'One emoji; the empty string removes the reaction.' })
  emoji!: string;
}

@InputType('WhatsAppCurrencyInput')
export class CurrencyInput {
  @Field()
  fallbackValue!: string;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  code!: string;

  @Field(() => Int, { description: 'The amount times 1,000.' })
  amount1000!: number;
}

@InputType('WhatsAppTemplateParameterInput', { description: 'One template parameter; fill the field its type names.' })
export class TemplateParameterInput {
  @Field(() => TemplateParameterType)
  type!: TemplateParameterType;

  @Field({ nullable: true, description: 'TEXT (and DATE_TIME\'s fallback value).' })
  text?: string;

  @Field({ nullable: true, description: 'For templates with named variables.' })
  parameterName?: string;

  @Field({ nullable: true, description: 'PAYLOAD of a quick-reply button.' })
  payload?: string;

  @Field({ nullable: true, description: 'IMAGE, VIDEO or DOCUMENT link.' })
  link?: string;

  @Field({ nullable: true, description: 'DOCUMENT file name.' })
  filename?: string;

  @Field({ nullable: true, description: 'COUPON_CODE of a copy-code button.' })
  couponCode?: string;

  @Field(() => CurrencyInput, { nullable: true })
  currency?: CurrencyInput;
}

@InputType('WhatsAppTemplateComponentInput')
export class TemplateComponentInput {
  @Field(() => TemplateComponentType)
  type!: TemplateComponentType;

  @Field(() => TemplateButtonSubType, { nullable: true, description: 'Required for BUTTON components.' })
  subType?: TemplateButtonSubType;

  @Field(() => Int, { nullable: true, description: 'The button\'s position (0-9); required for BUTTON components.' })
  index?: number;

  @Field(() => [TemplateParameterInput], { defaultValue: [] })
  parameters!: TemplateParameterInput[];
}

@InputType('WhatsAppTemplateInput', { description: 'An approved template: the only content allowed outside the 24-hour window.' })
export class TemplateInput {
  @Field()
  name!: string;

  @Field({ description: 'The approved translation, e.g. en_US or pt_BR.' })
  languageCode!: string;

  @Field(() => [TemplateComponentInput], { defaultValue: [] })
  components!: TemplateComponentInput[];
}

@InputType('WhatsAppSendMessageInput')
export class SendMessageInput {
  @Field(() => ID, { nullable: true, description: 'Send as this agent, from its phone number. Give this or credentialId.' })
  agentId?: string;

  @Field(() => ID, { nullable: true, description: 'Send from this credential\'s phone number. Give this or agentId.' })
  credentialId?: string;

  @Field({ description: 'The customer: +<country code><number> (E.164), or a business-scoped user id.' })
  to!: string;

  @Field({
    description:
      'Your key for this send, unique per phone number (1-128 of A-Z a-z 0-9 _ . -). Repeating a send with the same key never sends twice: it returns the stored message.',
  })
  idempotencyKey!: string;

  @Field(() => ID, { nullable: true, description: 'Quote this message (our id) of the same conversation. Not for reactions.' })
  replyToMessageId?: string;

  @Field(() => TextInput, { nullable: true })
  text?: TextInput;

  @Field(() => TemplateInput, { nullable: true })
  template?: TemplateInput;

  @Field(() => MediaInput, { nullable: true })
  image?: MediaInput;

  @Field(() => MediaInput, { nullable: true })
  video?: MediaInput;

  @Field(() => MediaInput, { nullable: true })
  audio?: MediaInput;

  @Field(() => MediaInput, { nullable: true })
  document?: MediaInput;

  @Field(() => ButtonsInput, { nullable: true })
  buttons?: ButtonsInput;

  @Field(() => ListInput, { nullable: true })
  list?: ListInput;

  @Field(() => ReactionInput, { nullable: true })
  reaction?: ReactionInput;
}

/** The content fields of `SendMessageInput`, exactly one of which is set. */
export const CONTENT_FIELDS = ['text', 'template', 'image', 'video', 'audio', 'document', 'buttons', 'list', 'reaction'] as const;
