import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { CircuitState } from './circuit-state';
import { CredentialStatus, CredentialStatusReason } from './credential-status';

/** The values of `whatsapp_credentials.secrets_binding`. */
export const SecretsBinding = {
  /** Written before ciphertexts were bound: encrypted without associated data. */
  UNBOUND: 0,
  /** Encrypted with `bindingOf(userId, { table, column, rowId })` as associated data. */
  BOUND_V1: 1,
} as const;

/**
 * A user's own WhatsApp Business credential. One class is both the table row and the GraphQL type: the
 * ciphertext columns carry no @Field and are hidden from serialisation, so a secret can never be selected.
 */
// An entity the host may reference by id; resolved in src/platform/graphql/plugin-entity-references.ts.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A WhatsApp Business phone number connected with its owner\'s own Meta credentials.' })
@Entity({ tableName: 'whatsapp_credentials' })
// Newest-first lists (a user's credentials, the admin list and its status filter) walk these backwards.
@Index({ name: 'whatsapp_credentials_user_created_idx', properties: ['userId', 'createdAt', 'id'] })
@Index({ name: 'whatsapp_credentials_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'whatsapp_credentials_status_created_idx', properties: ['status', 'createdAt', 'id'] })
@Unique({
  name: 'whatsapp_credentials_one_platform_unique',
  expression: 'create unique index "whatsapp_credentials_one_platform_unique" on "whatsapp_credentials" ("platform") where "platform"',
})
export class WhatsAppCredential {
  [OptionalProps]?:
    | 'id' | 'status' | 'statusReason' | 'statusMessage' | 'tokenScopes' | 'createdAt' | 'updatedAt'
    | 'lastValidatedAt' | 'tokenExpiresAt' | 'qualityRating' | 'healthCheckedAt' | 'consecutiveFailures' | 'version'
    | 'alertEmail' | 'statusChangedAt' | 'circuitState' | 'circuitFailures' | 'circuitOpenedAt' | 'platform'
    | 'messageRetentionDays' | 'secretsBinding' | 'messagingLimit' | 'throughputLevel' | 'qualityFlagged' | 'templatesSyncedAt';

  @Field(() => ID, { description: 'The credential\'s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The host's user id; the host's users table lives elsewhere, so this is a plain uuid. */
  @Field(() => ID, { description: 'The host\'s id of the credential\'s owner.' })
  @Property({ type: 'uuid' })
  userId!: string;

  /**
   * The platform's shared credential from configuration (migration phase 1), serving the agents of every
   * user not yet on their own; at most one, owned by PLATFORM_OWNER_ID and seen only by admins.
   */
  @Field({ description: 'The platform\'s shared credential (admins only see it), not a user\'s own.' })
  @Property({ type: 'boolean', default: false })
  platform: boolean = false;

  @Field({ description: 'WhatsApp Business Account (WABA) id.' })
  @Property({ type: 'text' })
  businessAccountId!: string;

  @Field({ description: 'Meta\'s id of the phone number; unique across all users.' })
  @Property({ type: 'text' })
  @Unique({ name: 'whatsapp_credentials_phone_number_id_unique' })
  phoneNumberId!: string;

  @Field({ description: 'The number as Meta formats it, e.g. +1 555-078-3881.' })
  @Property({ type: 'text' })
  phoneNumber!: string;

  @Field({ description: 'The verified business name shown to customers.' })
  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  accessTokenCiphertext!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  appSecretCiphertext!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  verifyTokenCiphertext!: string;

  /**
   * How the three ciphertexts are bound to this row: 0 for rows written before binding existed (no
   * associated data), 1 for `bindingOf(userId, { table, column, rowId })`. New rows are written bound;
   * the key rewrap binds older rows (all three columns and this marker in one conditional UPDATE).
   */
  @Property({ type: 'smallint', hidden: true, default: 0 })
  secretsBinding: number = SecretsBinding.BOUND_V1;

  @Field({ description: 'The last four characters of the access token, to tell tokens apart.' })
  @Property({ type: 'text' })
  accessTokenHint!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the access token expires; null when it never does.' })
  @Property({ type: 'timestamptz', nullable: true })
  tokenExpiresAt: Date | null = null;

  @Field(() => [String], { description: 'Permissions the token carries.' })
  @Property({ type: 'text[]' })
  tokenScopes: string[] = [];

  @Field(() => CredentialStatus, { description: 'Whether the credential can be used.' })
  @Enum({ items: () => CredentialStatus })
  status: CredentialStatus = CredentialStatus.ACTIVE;

  @Field(() => CredentialStatusReason, { description: 'Why it has that status; NONE when active and healthy.' })
  @Enum({ items: () => CredentialStatusReason })
  statusReason: CredentialStatusReason = CredentialStatusReason.NONE;

  @Field(() => String, { nullable: true, description: 'A human-readable explanation of the status.' })
  @Property({ type: 'text', nullable: true })
  statusMessage: string | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the status or its reason last changed.' })
  @Property({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'What the dashboard should show the owner, or null when all is well (expiring, invalid, suspended, unreachable...).',
  })
  get warning(): string | null {
    if (this.status === CredentialStatus.ACTIVE && this.statusReason === CredentialStatusReason.NONE) return null;
    return this.statusMessage ?? `Credential ${this.status}: ${this.statusReason}.`;
  }

  /** Where status-change alerts are e-mailed; the owner's token `email` claim unless they chose another. */
  @Field(() => String, { nullable: true, description: 'Where status alerts are e-mailed; null: no e-mails.' })
  @Property({ type: 'text', nullable: true })
  alertEmail: string | null = null;

  @Field(() => String, { nullable: true, description: 'Meta quality rating: GREEN, YELLOW, RED or UNKNOWN.' })
  @Property({ type: 'text', nullable: true })
  qualityRating: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'The messaging limit of the number\'s business portfolio (TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED): customers reached outside a service window per 24 hours.',
  })
  @Property({ type: 'text', nullable: true })
  messagingLimit: string | null = null;

  @Field(() => String, { nullable: true, description: 'Meta\'s throughput level of the number, e.g. STANDARD or HIGH.' })
  @Property({ type: 'text', nullable: true })
  throughputLevel: string | null = null;

  @Field({ description: 'Meta flagged the number for low quality: improve it or its messaging limit may be lowered. Sending still works.' })
  @Property({ type: 'boolean', default: false })
  qualityFlagged: boolean = false;

  /** When the business account's templates were last read from Meta; null means never, and template sends are not checked. */
  @Property({ type: 'timestamptz', nullable: true })
  templatesSyncedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When Meta last accepted the credential.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastValidatedAt: Date | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the credential was last checked with Meta in the background.' })
  @Property({ type: 'timestamptz', nullable: true })
  healthCheckedAt: Date | null = null;

  /**
   * Set when a deletion begins, before Meta's configuration is torn down: a webhook configuration job
   * racing the deletion sees it and undoes what it set (nothing is left pointing at a deleted endpoint).
   */
  @Property({ type: 'timestamptz', nullable: true, hidden: true })
  deletingAt: Date | null = null;

  @Field(() => CircuitState, { description: 'OPEN while Meta keeps failing for this number: sends are paused, not attempted.' })
  @Enum({ items: () => CircuitState })
  circuitState: CircuitState = CircuitState.CLOSED;

  /** Transient failures in a row when sending; the breaker opens at its threshold. */
  @Property({ type: 'integer' })
  circuitFailures: number = 0;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When calls to Meta were last paused for this credential.' })
  @Property({ type: 'timestamptz', nullable: true })
  circuitOpenedAt: Date | null = null;

  /** Health-check failures in a row; Meta being unreachable once must not flip a credential. */
  @Property({ type: 'integer' })
  consecutiveFailures: number = 0;

  /** Messages of this number older than this many days are deleted by the retention sweep; null keeps them. */
  @Field(() => Int, { nullable: true, description: 'Messages older than this many days are deleted; null keeps every message.' })
  @Property({ type: 'integer', nullable: true })
  messageRetentionDays: number | null = null;

  @Field(() => GraphQLISODateTime, { description: 'When the credential was connected.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLISODateTime, { description: 'When the credential last changed.' })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}
