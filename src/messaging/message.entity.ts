import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { MessageDirection, MessageStatus } from './message-enums';
import { WhatsAppMessageEdit, type StoredMessageEdit } from './message-edit.type';

/** One WhatsApp message, inbound or outbound, with its latest delivery status. */
// An entity the host may reference by id; resolved in src/platform/graphql/plugin-entity-references.ts.
@Directive('@key(fields: "id")')
@ObjectType('WhatsAppMessage', { description: 'A WhatsApp message in the history.' })
@Entity({ tableName: 'whatsapp_messages' })
// A wamid is unique per receiving number (credential), not globally: a tenant cannot shadow another's message.
@Unique({ name: 'whatsapp_messages_credential_wamid_unique', properties: ['credentialId', 'whatsappMessageId'] })
@Unique({ name: 'whatsapp_messages_idempotency_unique', properties: ['credentialId', 'userId', 'idempotencyKey'] })
@Index({ name: 'whatsapp_messages_conversation_idx', properties: ['conversationId', 'timestamp', 'id'] })
// An agent's history, newest first: the keyset cursor `(timestamp, id) < (…)` walks this index backwards.
@Index({ name: 'whatsapp_messages_agent_history_idx', properties: ['agentId', 'timestamp', 'id'] })
export class Message {
  [OptionalProps]?:
    | 'id' | 'agentId' | 'status' | 'statusAt' | 'errorCode' | 'errorTitle' | 'createdAt' | 'whatsappMessageId'
    | 'idempotencyKey' | 'requestFingerprint' | 'replyToMessageId' | 'edits' | 'editedAt' | 'revokedAt' | 'origin' | 'mediaCopiedAt';

  @Field(() => ID, { description: 'Our id of the message.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: 'The host\'s id of the number\'s owner.' })
  @Property({ type: 'uuid' })
  userId!: string;

  @Field(() => ID, { description: 'The credential (phone number) it went through.' })
  @Property({ type: 'uuid' })
  credentialId!: string;

  @Field(() => ID, { nullable: true, description: 'The agent that received or sent it; null for a message sent from a credential directly.' })
  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  @Field(() => ID, { description: 'The conversation (customer thread) it belongs to.' })
  @Property({ type: 'uuid' })
  conversationId!: string;

  /** The wamid; null only while an outbound message waits for Meta's answer. */
  @Field(() => String, {
    name: 'whatsAppMessageId',
    nullable: true,
    description: 'WhatsApp\'s own id of the message (the wamid); null only while an outbound message waits for Meta\'s answer.',
  })
  @Property({ type: 'text', nullable: true })
  whatsappMessageId: string | null = null;

  /** A client-supplied key that makes a send idempotent. */
  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  /** A hash of what was asked under that key, so a reused key with a different message is refused. */
  @Property({ type: 'text', nullable: true, hidden: true })
  requestFingerprint: string | null = null;

  @Field({ description: 'The sender\'s phone number or WhatsApp id.' })
  @Property({ type: 'text' })
  fromPhone!: string;

  @Field({ description: 'The recipient\'s phone number or WhatsApp id.' })
  @Property({ type: 'text' })
  toPhone!: string;

  @Field(() => MessageDirection, { description: 'Received from the customer, or sent to them.' })
  @Enum({ items: () => MessageDirection })
  direction!: MessageDirection;

  @Field({ description: 'text, image, template, interactive, … or the unknown type exactly as Meta named it.' })
  @Property({ type: 'text' })
  messageType!: string;

  @Field(() => GraphQLJSONObject, { description: 'The message content as WhatsApp describes it for its type (e.g. `{ body }` for text).' })
  @Property({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'The WhatsApp id of the message this one quotes or reacts to.' })
  @Property({ type: 'text', nullable: true })
  replyToMessageId: string | null = null;

  @Field(() => MessageStatus, { description: 'The latest delivery status; RECEIVED for inbound messages.' })
  @Enum({ items: () => MessageStatus })
  status: MessageStatus = MessageStatus.PENDING;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the status last changed.' })
  @Property({ type: 'timestamptz', nullable: true })
  statusAt: Date | null = null;

  @Field(() => Int, { nullable: true, description: 'Meta\'s numeric error code when sending failed.' })
  @Property({ type: 'integer', nullable: true })
  errorCode: number | null = null;

  @Field(() => String, { nullable: true, description: 'Meta\'s error title when sending failed.' })
  @Property({ type: 'text', nullable: true })
  errorTitle: string | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When WhatsApp says the message was sent or received.' })
  @Property({ type: 'timestamptz' })
  timestamp!: Date;

  /** When the file was copied to the operator's bucket (docs/media.md); null: served from Meta only. */
  @Property({ type: 'timestamptz', nullable: true })
  mediaCopiedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When the plugin stored it.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** Earlier versions, oldest first; `content` is always the latest. */
  @Field(() => String, {
    nullable: true,
    description: 'BUSINESS_APP for a message the number\'s owner sent from the WhatsApp Business app on the same number (a person, not the plugin); null otherwise.',
  })
  @Property({ type: 'text', nullable: true })
  origin: string | null = null;

  @Field(() => [WhatsAppMessageEdit], { description: 'Earlier versions of a message the customer edited, oldest first (content holds the latest); empty when never edited or once revoked.' })
  @Property({ type: 'jsonb', defaultRaw: `'[]'` })
  edits: StoredMessageEdit[] = [];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the customer last edited the message; null when never.' })
  @Property({ type: 'timestamptz', nullable: true })
  editedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the customer deleted the message for everyone; its content and earlier versions are then cleared. Null when not revoked.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
