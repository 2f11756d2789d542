import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';

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

registerEnumType(TemplateComponentType, {
  name: 'WhatsAppTemplateComponentType',
  description: 'A part of a template that takes parameters.',
  valuesConfig: {
    HEADER: { description: 'The template\'s header.' },
    BODY: { description: 'The template\'s body text.' },
    BUTTON: { description: 'One of the template\'s buttons.' },
  },
});
registerEnumType(TemplateButtonSubType, {
  name: 'WhatsAppTemplateButtonSubType',
  description: 'The kind of a template button.',
  valuesConfig: {
    QUICK_REPLY: { description: 'Sends a reply with a payload.' },
    URL: { description: 'Opens a link.' },
    COPY_CODE: { description: 'Copies a coupon code.' },
  },
});
registerEnumType(TemplateParameterType, {
  name: 'WhatsAppTemplateParameterType',
  description: 'The kind of value a template parameter carries.',
  valuesConfig: {
    TEXT: { description: 'Text.' },
    PAYLOAD: { description: 'The payload of a quick-reply button.' },
    IMAGE: { description: 'An image link (header).' },
    VIDEO: { description: 'A video link (header).' },
    DOCUMENT: { description: 'A document link (header).' },
    CURRENCY: { description: 'An amount of money.' },
    DATE_TIME: { description: 'A date and time (sent as its fallback text).' },
    COUPON_CODE: { description: 'A coupon code for a copy-code button.' },
  },
});

@InputType('WhatsAppTextInput', { description: 'A text message.' })
export class TextInput {
  @Field({ description: '1 to 4,096 characters.' })
  body!: string;

  @Field({ defaultValue: false, description: 'Show a preview of the first URL in the body.' })
  previewUrl!: boolean;
}

@InputType('WhatsAppMediaInput', {
  description: 'A file to send: by link (Meta fetches it; https recommended) or by the mediaId of an upload (createWhatsAppMediaUpload). Give exactly one of the two.',
})
export class MediaInput {
  @Field(() => String, { nullable: true, description: 'An http(s) URL Meta downloads the file from when sending.' })
  link?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The mediaId an upload through createWhatsAppMediaUpload returned, from the same phone number; reusable for 30 days.',
  })
  mediaId?: string | null;

  @Field({ nullable: true, description: 'Image, video and document only (not audio or sticker); at most 1,024 characters.' })
  caption?: string;

  @Field({ nullable: true, description: 'Document only; the file name shown to the customer.' })
  filename?: string;
}

@InputType('WhatsAppReplyButtonInput', { description: 'One reply button of an interactive message.' })
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

  @Field(() => [ReplyButtonInput], { description: '1 to 3 reply buttons.' })
  buttons!: ReplyButtonInput[];
}

@InputType('WhatsAppListRowInput', { description: 'One choice of an interactive list.' })
export class ListRowInput {
  @Field({ description: 'Unique across the list, at most 200 characters.' })
  id!: string;

  @Field({ description: 'At most 24 characters.' })
  title!: string;

  @Field({ nullable: true, description: 'At most 72 characters.' })
  description?: string;
}

@InputType('WhatsAppListSectionInput', { description: 'A titled group of rows of an interactive list.' })
export class ListSectionInput {
  @Field({ nullable: true, description: 'At most 24 characters; required when the list has several sections.' })
  title?: string;

  @Field(() => [ListRowInput], { description: 'The section\'s rows.' })
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

  @Field(() => [ListSectionInput], { description: '1 to 10 sections, with 10 rows in total.' })
  sections!: ListSectionInput[];
}

@InputType('WhatsAppCtaUrlInput', { description: 'An interactive message with one button that opens a link (call to action).' })
export class CtaUrlInput {
  @Field({ description: 'At most 1,024 characters.' })
  body!: string;

  @Field({ nullable: true, description: 'A text header, at most 60 characters.' })
  header?: string;

  @Field({ nullable: true, description: 'At most 60 characters.' })
  footer?: string;

  @Field({ description: 'The button\'s label, at most 20 characters.' })
  displayText!: string;

  @Field({ description: 'The http(s) URL the button opens.' })
  url!: string;
}

@InputType('WhatsAppLocationInput', { description: 'A location pin.' })
export class LocationInput {
  @Field(() => Float, { description: 'Latitude in decimal degrees, -90 to 90.' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude in decimal degrees, -180 to 180.' })
  longitude!: number;

  @Field({ nullable: true, description: 'The place\'s name; this plugin keeps it to 1,024 characters.' })
  name?: string;

  @Field({ nullable: true, description: 'The place\'s address; this plugin keeps it to 1,024 characters.' })
  address?: string;
}

@InputType('WhatsAppReactionInput', { description: 'A reaction (one emoji) to a message of the conversation.' })
export class ReactionInput {
  @Field(() => ID, { description: 'The message (our id) to react to; it must be in the same conversation.' })
  messageId!: string;

  @Field({ description: 'One emoji; the empty string removes the reaction.' })
  emoji!: string;
}

@InputType('WhatsAppCurrencyInput', { description: 'An amount of money for a CURRENCY template parameter.' })
export class CurrencyInput {
  @Field({ description: 'The amount as text, shown where the currency cannot be rendered.' })
  fallbackValue!: string;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  code!: string;

  @Field(() => Int, { description: 'The amount times 1,000.' })
  amount1000!: number;
}

@InputType('WhatsAppTemplateParameterInput', { description: 'One template parameter; fill the field its type names.' })
export class TemplateParameterInput {
  @Field(() => TemplateParameterType, { description: 'Which kind of value this parameter carries.' })
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

  @Field(() => CurrencyInput, { nullable: true, description: 'CURRENCY amount.' })
  currency?: CurrencyInput;
}

@InputType('WhatsAppTemplateComponentInput', { description: 'The parameters of one part (header, body or a button) of a template.' })
export class TemplateComponentInput {
  @Field(() => TemplateComponentType, { description: 'Which part of the template the parameters fill.' })
  type!: TemplateComponentType;

  @Field(() => TemplateButtonSubType, { nullable: true, description: 'Required for BUTTON components.' })
  subType?: TemplateButtonSubType;

  @Field(() => Int, { nullable: true, description: 'The button\'s position (0-9); required for BUTTON components.' })
  index?: number;

  @Field(() => [TemplateParameterInput], { defaultValue: [], description: 'The values of the component\'s variables, in order.' })
  parameters!: TemplateParameterInput[];
}

@InputType('WhatsAppTemplateInput', { description: 'An approved template: the only content allowed outside the 24-hour window.' })
export class TemplateInput {
  @Field({ description: 'The template\'s name as approved by Meta.' })
  name!: string;

  @Field({ description: 'The approved translation, e.g. en_US or pt_BR.' })
  languageCode!: string;

  @Field(() => [TemplateComponentInput], { defaultValue: [], description: 'Parameters per component; empty for a template without variables.' })
  components!: TemplateComponentInput[];
}

@InputType('WhatsAppSendMessageInput', { description: 'One message to send: the sender, the customer, an idempotency key and exactly one content field.' })
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

  @Field(() => TextInput, { nullable: true, description: 'A text message.' })
  text?: TextInput;

  @Field(() => TemplateInput, { nullable: true, description: 'An approved template; the only content allowed outside the 24-hour window.' })
  template?: TemplateInput;

  @Field(() => MediaInput, { nullable: true, description: 'An image, with an optional caption.' })
  image?: MediaInput;

  @Field(() => MediaInput, { nullable: true, description: 'A video, with an optional caption.' })
  video?: MediaInput;

  @Field(() => MediaInput, { nullable: true, description: 'An audio file.' })
  audio?: MediaInput;

  @Field(() => MediaInput, { nullable: true, description: 'A document, with an optional caption and file name.' })
  document?: MediaInput;

  @Field(() => MediaInput, { nullable: true, description: 'A sticker (WebP); no caption.' })
  sticker?: MediaInput;

  @Field(() => ButtonsInput, { nullable: true, description: 'An interactive message with reply buttons.' })
  buttons?: ButtonsInput;

  @Field(() => ListInput, { nullable: true, description: 'An interactive list.' })
  list?: ListInput;

  @Field(() => CtaUrlInput, { nullable: true, description: 'An interactive message with one button that opens a link.' })
  ctaUrl?: CtaUrlInput;

  @Field(() => LocationInput, { nullable: true, description: 'A location pin.' })
  location?: LocationInput;

  @Field(() => ReactionInput, { nullable: true, description: 'A reaction to a message of the conversation.' })
  reaction?: ReactionInput;
}

/** The content fields of `SendMessageInput`, exactly one of which is set. */
export const CONTENT_FIELDS = [
  'text', 'template', 'image', 'video', 'audio', 'document', 'sticker', 'buttons', 'list', 'ctaUrl', 'location', 'reaction',
] as const;
