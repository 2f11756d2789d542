import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One user's key in the embedded keyring: the Vault-transit "policy" equivalent. The key material lives
 * in `KeyringKeyVersion`, one row per version, each wrapped by the master key. Deleting this row
 * (cascading to the versions) is the crypto-shred.
 */
@Entity({ tableName: 'keyring_key' })
export class KeyringKey {
  [PrimaryKeyProp]?: 'userId';
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /**
   * Random per creation. A key deleted and created again gets a new id, so an unwrapped version cached
   * by any instance can never be mistaken for the new key's material.
   */
  @Property({ type: 'uuid' })
  materialId!: string;

  @Property({ type: 'integer' })
  latestVersion!: number;

  @Property({ type: 'integer' })
  minDecryptionVersion!: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** One version of a user's key: 32 random bytes, AES-256-GCM-wrapped by the master key. */
@Entity({ tableName: 'keyring_key_version' })
export class KeyringKeyVersion {
  [PrimaryKeyProp]?: ['key', 'version'];
  [OptionalProps]?: 'createdAt';

  @ManyToOne({ entity: () => KeyringKey, primary: true, fieldName: 'user_id', deleteRule: 'cascade' })
  key!: KeyringKey;

  @PrimaryKey({ type: 'integer' })
  version!: number;

  /** nonce (12) ‖ wrapped key (32) ‖ tag (16); the AAD binds it to its user, material id and version. */
  @Property({ type: 'blob' })
  wrappedKey!: Buffer;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
