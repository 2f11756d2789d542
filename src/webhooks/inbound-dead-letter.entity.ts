import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DeadLetterKind {
  /** One inbound message. */
  MESSAGE = 'message',
  /** One delivery status of an outbound message. */
  STATUS = 'status',
  /** A change, or a whole delivery, that could not be taken apart into messages and statuses. */
  CHANGE = 'change',
}
registerEnumType(DeadLetterKind, {
  name: 'WhatsAppDeadLetterKind',
  description: 'What a dead-lettered item of an inbound delivery is.',
  valuesConfig: {
    MESSAGE: { description: 'One inbound message.' },
    STATUS: { description: 'One delivery status of an outbound message.' },
    CHANGE: { description: 'A change, or a whole delivery, that could not be taken apart into messages and statuses.' },
  },
});

/**
 * One item of a verified delivery that could not be applied: stored here, with why, instead of holding
 * up the rest of its delivery and batch. Its owner sees it and can have it applied again once the cause
 * is gone (a retry applies it exactly as processing would have).
 */
@ObjectType('WhatsAppInboundDeadLetter', { description: 'An inbound message or status that could not be stored, kept with its reason.' })
@Entity({ tableName: 'webhook_dead_letters' })
@Index({ name: 'webhook_dead_letters_user_idx', properties: ['userId', 'createdAt', 'id'] })
// The hot reads only want the rows still waiting (an owner's list, the backlog count of /readyz and the
// metrics), which stay few while resolved ones pile up until retention removes them.
@Index({ name: 'webhook_dead_letters_unresolved_idx', properties: ['userId', 'createdAt', 'id'], where: { resolvedAt: null } })
// Meta re-sends deliveries: a broken message that came twice is still one item waiting for its owner.
@Unique({ name: 'webhook_dead_letters_waiting_message_unique', properties: ['credentialId', 'wamid'], where: { kind: DeadLetterKind.MESSAGE, wamid: { $ne: null }, resolvedAt: null } })
export class InboundDeadLetter {
  [OptionalProps]?: 'id' | 'wamid' | 'errorCode' | 'credentialId' | 'createdAt' | 'retriedAt' | 'resolvedAt' | 'attempts';

  @Field(() => ID, { description: 'The dead letter\'s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: 'The host\'s id of the number\'s owner.' })
  @Property({ type: 'uuid' })
  userId!: string;

  @Field(() => ID, { nullable: true, description: 'The credential whose number received it.' })
  @Property({ type: 'uuid', nullable: true })
  credentialId: string | null = null;

  @Property({ type: 'uuid' })
  endpointId!: string;

  /** The stored delivery it came in. */
  @Property({ type: 'bigint' })
  deliveryId!: string;

  @Field(() => DeadLetterKind, { description: 'A message, a status, or a part that could not be taken apart.' })
  @Enum({ items: () => DeadLetterKind })
  kind!: DeadLetterKind;

  @Field(() => String, { nullable: true, description: 'The WhatsApp message id, when the item has one.' })
  @Property({ type: 'text', nullable: true })
  wamid: string | null = null;

  @Field({ description: 'Why it could not be applied, e.g. `malformed_message` or `database_refused`.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'The database\'s SQLSTATE or the error class, when one caused it.' })
  @Property({ type: 'text', nullable: true })
  errorCode: string | null = null;

  /**
   * The item with what applying it needs (entry id, metadata, contacts), as JSON text: text rather than
   * jsonb, because what jsonb refuses (a NUL character, say) is a reason to be here.
   */
  @Property({ type: 'text', hidden: true })
  payload!: string;

  @Field(() => Int, { description: 'How many times storing it was tried.' })
  @Property({ type: 'integer' })
  attempts: number = 1;

  @Field(() => GraphQLISODateTime, { description: 'When it was set aside.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was last handed back to processing; null if never.' })
  @Property({ type: 'timestamptz', nullable: true })
  retriedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a retry applied it; null while it waits.' })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;
}
