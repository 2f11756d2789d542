import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { registerEnumType } from 'type-graphql';

/** Where a user's stored ciphertexts stand after the latest rotation of their key. */
export enum KeyRewrapState {
  /** The key was never rotated. */
  NONE = 'none',
  /** Rotated; the ciphertexts are being moved to the new version (every secret stays readable). */
  PENDING = 'pending',
  /** Every ciphertext is on the new version and older versions no longer decrypt. */
  COMPLETE = 'complete',
  /** The rewrap gave up; older versions still decrypt, so nothing became unreadable. Rotate again to retry. */
  FAILED = 'failed',
}

registerEnumType(KeyRewrapState, { name: 'WhatsAppKeyRewrapState', description: 'Progress of the rewrap that follows a key rotation.' });

/**
 * The latest rotation of one user's key and its background rewrap. One row per user: it is what makes
 * the rewrap job idempotent and what a rotate-all run counts as done.
 */
@Entity({ tableName: 'user_key_rotations' })
@Index({ name: 'user_key_rotations_run_idx', properties: ['runId'] })
export class UserKeyRotation {
  [PrimaryKeyProp]?: 'userId';
  [OptionalProps]?: 'state' | 'completedAt' | 'rewrapped' | 'unreadable' | 'lastError' | 'runId' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => KeyRewrapState })
  state: KeyRewrapState = KeyRewrapState.PENDING;

  /** The key version the rotation created: everything is rewrapped to it, then the minimum is raised to it. */
  @Property({ type: 'integer' })
  targetVersion!: number;

  @Property({ type: 'timestamptz' })
  rotatedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  /** Ciphertexts moved to the new version. */
  @Property({ type: 'integer' })
  rewrapped: number = 0;

  /** Stored values that could not be rewrapped because they were already unreadable (tampered, malformed). */
  @Property({ type: 'integer' })
  unreadable: number = 0;

  /** The error class and our own message; never a vendor message, a ciphertext or a secret. */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** The rotate-all run that rotated this key, credited when the rewrap ends. */
  @Property({ type: 'uuid', nullable: true })
  runId: string | null = null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
