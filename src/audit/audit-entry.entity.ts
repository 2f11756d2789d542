import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditOutcome {
  SUCCESS = 'success',
  FAILURE = 'failure',
  REJECTED = 'rejected',
}
registerEnumType(AuditOutcome, { name: 'WhatsAppAuditOutcome' });

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

  @Field(() => ID)
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'timestamptz' })
  occurredAt: Date = new Date();

  @Field(() => ID, { nullable: true, description: 'Who acted; null for the system (health checks, jobs, webhooks).' })
  @Property({ type: 'uuid', nullable: true })
  actorUserId: string | null = null;

  @Field()
  @Property({ type: 'text' })
  actorRole!: string;

  @Field(() => ID, { nullable: true, description: 'Whose data the operation concerned.' })
  @Property({ type: 'uuid', nullable: true })
  subjectUserId: string | null = null;

  @Field({ description: 'e.g. credential.connect, credential.delete, key.rotate.' })
  @Property({ type: 'text' })
  action!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  targetType: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  targetId: string | null = null;

  @Field(() => AuditOutcome)
  @Enum({ items: () => AuditOutcome })
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  errorCode: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Property({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null = null;
}
