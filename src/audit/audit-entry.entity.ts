import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditOutcome {
  SUCCESS = 'success',
  FAILURE = 'failure',
  REJECTED = 'rejected',
}
registerEnumType(AuditOutcome, {
  name: 'WhatsAppAuditOutcome',
  description: 'How an audited operation ended.',
  valuesConfig: {
    SUCCESS: { description: 'It was done.' },
    FAILURE: { description: 'It was allowed but failed (Meta refused, a dependency was down, ...).' },
    REJECTED: { description: 'It was refused before anything was done (not allowed, bad input).' },
  },
});

/**
 * Who did what to which credential, when, and how it ended. Never holds a secret: `details` is built
 * from an allow-list by the writer, not from request input.
 */
@ObjectType('WhatsAppAuditEntry', { description: 'One audited operation.' })
@Entity({ tableName: 'audit_log' })
@Index({ name: 'audit_log_subject_idx', properties: ['subjectUserId', 'id'] })
// The logs filtered by credential or by action, newest first (the target id alone names a credential).
@Index({ name: 'audit_log_target_idx', properties: ['targetId', 'id'] })
@Index({ name: 'audit_log_action_idx', properties: ['action', 'id'] })
// The retention sweep and the export's time filter.
@Index({ name: 'audit_log_occurred_at_idx', properties: ['occurredAt'] })
export class AuditEntry {
  [OptionalProps]?: 'id' | 'occurredAt' | 'actorUserId' | 'subjectUserId' | 'targetType' | 'targetId' | 'errorCode' | 'requestId' | 'details';

  @Field(() => ID, { description: 'The entry\'s id.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the operation happened.' })
  @Property({ type: 'timestamptz' })
  occurredAt: Date = new Date();

  @Field(() => ID, { nullable: true, description: 'Who acted; null for the system (health checks, jobs, webhooks).' })
  @Property({ type: 'uuid', nullable: true })
  actorUserId: string | null = null;

  @Field({ description: 'The actor\'s role: user, admin, host-service or system.' })
  @Property({ type: 'text' })
  actorRole!: string;

  @Field(() => ID, { nullable: true, description: 'Whose data the operation concerned.' })
  @Property({ type: 'uuid', nullable: true })
  subjectUserId: string | null = null;

  @Field({ description: 'e.g. credential.connect, credential.delete, key.rotate.' })
  @Property({ type: 'text' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'The kind of object acted on, e.g. WhatsAppCredential.' })
  @Property({ type: 'text', nullable: true })
  targetType: string | null = null;

  @Field(() => String, { nullable: true, description: 'The id of the object acted on.' })
  @Property({ type: 'text', nullable: true })
  targetId: string | null = null;

  @Field(() => AuditOutcome, { description: 'Whether the operation succeeded, failed or was refused.' })
  @Enum({ items: () => AuditOutcome })
  outcome!: AuditOutcome;

  /**
   * As the writer recorded it: a WhatsAppErrorCode, or an internal value that is not one (the step of a
   * failed webhook configuration, a key rotation's error class). The schema shows both readings through
   * AuditResolver's `errorCode` and `recordedErrorCode`.
   */
  @Property({ type: 'text', nullable: true })
  errorCode: string | null = null;

  @Field(() => String, { nullable: true, description: 'The id of the request that caused it, to match logs; null for background work.' })
  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Extra facts chosen from an allow-list (never a secret), such as a phone number id.' })
  @Property({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null = null;
}
