import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import type { KeyInfo } from '../adapters/keys';
import { KeyRewrapState, type UserKeyRotation } from './user-key-rotation.entity';

@ObjectType('WhatsAppUserKeyInfo', { description: 'A user\'s encryption key: its versions and the state of its latest rotation. Never key material.' })
export class UserKeyInfo {
  @Field(() => ID, { description: 'The host\'s id of the key\'s user.' })
  userId!: string;

  @Field(() => Int, { description: 'The version new secrets are encrypted with.' })
  latestVersion!: number;

  @Field(() => Int, { description: 'Secrets encrypted with an older version no longer decrypt.' })
  minDecryptionVersion!: number;

  @Field(() => KeyRewrapState, { description: 'Where the rewrap after the latest rotation stands.' })
  rewrapState!: KeyRewrapState;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the key was last rotated; null if never.' })
  rotatedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last rewrap finished; null while one runs or if none did.' })
  rewrapCompletedAt!: Date | null;

  @Field(() => Int, { description: 'Stored secrets moved to the latest version by the last rewrap.' })
  rewrappedSecrets!: number;

  @Field(() => Int, { description: 'Stored values that were already unreadable (tampered or malformed) and could not be rewrapped.' })
  unreadableSecrets!: number;

  @Field(() => String, { nullable: true, description: 'Why the last rewrap failed, when it did.' })
  lastError!: string | null;

  static of(userId: string, key: KeyInfo, rotation: UserKeyRotation | null): UserKeyInfo {
    return Object.assign(new UserKeyInfo(), {
      userId,
      latestVersion: key.latestVersion,
      minDecryptionVersion: key.minDecryptionVersion,
      rewrapState: rotation?.state ?? KeyRewrapState.NONE,
      rotatedAt: rotation?.rotatedAt ?? null,
      rewrapCompletedAt: rotation?.completedAt ?? null,
      rewrappedSecrets: rotation?.rewrapped ?? 0,
      unreadableSecrets: rotation?.unreadable ?? 0,
      lastError: rotation?.lastError ?? null,
    });
  }
}
