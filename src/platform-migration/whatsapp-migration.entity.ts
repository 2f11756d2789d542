import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WhatsAppErrorCode, type ErrorCode } from '../platform/errors';

export enum MigrationState {
  /** A run stopped at a step (nothing was moved); the user fixes what `steps` says and runs again, or rolls back. */
  FAILED = 'FAILED',
  /** The agents use the user's own numbers; rollback is possible until `rollbackDeadline`. */
  COMPLETED = 'COMPLETED',
  /** Back on the platform's credentials. */
  ROLLED_BACK = 'ROLLED_BACK',
}
registerEnumType(MigrationState, {
  name: 'WhatsAppMigrationState',
  description: 'How a user\'s latest migration run ended.',
  valuesConfig: {
    FAILED: { description: 'The run stopped at a step and moved nothing; fix what `steps` says and run again.' },
    COMPLETED: { description: 'The agents use your own numbers; a rollback is possible until `rollbackDeadline`.' },
    ROLLED_BACK: { description: 'Back on the platform\'s credentials.' },
  },
});

export enum MigrationStepOutcome {
  OK = 'OK',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(MigrationStepOutcome, {
  name: 'WhatsAppMigrationStepOutcome',
  description: 'How one step of a migration run ended.',
  valuesConfig: {
    OK: { description: 'It succeeded.' },
    FAILED: { description: 'It failed; see the step\'s message and code.' },
    SKIPPED: { description: 'It was not needed, or an earlier step failed.' },
  },
});

@ObjectType('WhatsAppMigrationStep', { description: 'One step of a migration run, for one agent or credential.' })
export class MigrationStep {
  @Field({ description: 'validate_credential, configure_webhook or move_agents.' })
  step!: string;

  @Field(() => ID, { nullable: true, description: 'The agent the step was about; null for a credential step.' })
  agentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The credential the step was about.' })
  credentialId!: string | null;

  @Field(() => MigrationStepOutcome, { description: 'Whether the step succeeded, failed or was not needed.' })
  outcome!: MigrationStepOutcome;

  @Field(() => String, { nullable: true, description: 'What went wrong and what to do; never a secret.' })
  message!: string | null;

  @Field(() => WhatsAppErrorCode, { nullable: true, description: 'The error code of a failed step, as in `extensions.code` of an error.' })
  code!: ErrorCode | null;
}

/**
 * What a rollback restores: each moved agent's previous credential. The user's source is not in it: a
 * rollback always puts them back on the platform (PLATFORM, pinned), which is where every run starts.
 */
export interface MigrationSnapshot {
  agents: Array<{ agentId: string; credentialId: string | null; phoneNumberId: string | null }>;
}

/** A user's move from the platform's credentials to their own (migration phase 2): its latest run. */
@ObjectType('WhatsAppMigration', { description: 'Your move from the platform\'s WhatsApp credentials to your own.' })
@Entity({ tableName: 'whatsapp_migrations' })
export class WhatsAppMigration {
  [OptionalProps]?: 'steps' | 'snapshot' | 'completedAt' | 'rollbackDeadline' | 'rolledBackAt' | 'updatedAt' | 'runs' | 'canRollBack';

  @Field(() => ID, { description: 'The host\'s id of the user who migrates.' })
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Field(() => MigrationState, { description: 'How the latest run ended.' })
  @Enum({ items: () => MigrationState })
  state!: MigrationState;

  @Field(() => [MigrationStep], { description: 'The steps of the latest run, in order.' })
  @Property({ type: 'json' })
  steps: MigrationStep[] = [];

  @Property({ type: 'json', nullable: true, hidden: true })
  snapshot: MigrationSnapshot | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When the latest run started.' })
  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the latest run moved the agents; null if it did not.' })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Until when a completed migration can be rolled back.' })
  @Property({ type: 'timestamptz', nullable: true })
  rollbackDeadline: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was rolled back; null if it was not.' })
  @Property({ type: 'timestamptz', nullable: true })
  rolledBackAt: Date | null = null;

  @Field(() => Int, { description: 'How many times the user ran the migration.' })
  @Property({ type: 'integer' })
  runs: number = 0;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field({ description: 'A rollback to the platform\'s credentials is possible now.' })
  get canRollBack(): boolean {
    if (this.state === MigrationState.FAILED) return true;
    return this.state === MigrationState.COMPLETED && this.rollbackDeadline !== null && this.rollbackDeadline.getTime() > Date.now();
  }
}
