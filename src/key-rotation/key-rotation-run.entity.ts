import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum KeyRotationRunState {
  RUNNING = 'running',
  /** Every user was visited and every rewrap ended; `failed` counts the users that did not make it. */
  COMPLETED = 'completed',
  /** The run itself gave up (the key service stayed unavailable); users already done stay done. */
  FAILED = 'failed',
}

registerEnumType(KeyRotationRunState, { name: 'WhatsAppKeyRotationRunState' });

/**
 * An administrator's run that rotates every user's key. Progress is committed user by user, and the
 * cursor says where a restarted run resumes. At most one run is RUNNING (a partial unique index).
 */
@ObjectType('WhatsAppKeyRotationRun', { description: 'A run rotating every user\'s encryption key, with its progress.' })
@Entity({ tableName: 'key_rotation_runs' })
@Unique({ name: 'key_rotation_runs_one_running', properties: ['state'], where: { state: KeyRotationRunState.RUNNING } })
export class KeyRotationRun {
  [OptionalProps]?:
    | 'id' | 'state' | 'done' | 'failed' | 'visited' | 'cursor' | 'visitedAllAt' | 'startedAt' | 'finishedAt' | 'lastError'
    | 'updatedAt' | 'startedBy';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => KeyRotationRunState)
  @Enum({ items: () => KeyRotationRunState })
  state: KeyRotationRunState = KeyRotationRunState.RUNNING;

  @Field(() => ID, { nullable: true, description: 'The administrator who started the run.' })
  @Property({ type: 'uuid', nullable: true })
  startedBy: string | null = null;

  @Field(() => Int, { description: 'Users with stored secrets: counted at the start, exact once every user was visited.' })
  @Property({ type: 'integer' })
  total!: number;

  @Field(() => Int, { description: 'Users whose key was rotated, whose secrets were rewrapped and whose old versions were retired.' })
  @Property({ type: 'integer' })
  done: number = 0;

  @Field(() => Int, { description: 'Users that could not be rotated or rewrapped (their secrets stay readable).' })
  @Property({ type: 'integer' })
  failed: number = 0;

  /** Users the run has rotated (or failed to); the rewraps it started are the difference to done + failed. */
  @Property({ type: 'integer' })
  visited: number = 0;

  /** The last user visited, in uuid order: a resumed run continues after it. */
  @Property({ type: 'uuid', nullable: true })
  cursor: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  visitedAllAt: Date | null = null;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'timestamptz' })
  startedAt: Date = new Date();

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The last failure: an error class and our message, never a secret.' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
