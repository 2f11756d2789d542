import type { EntityManager } from '@mikro-orm/postgresql';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { registerEnumType } from 'type-graphql';
import type { Config } from '../config';
import { ErrorCode, PublicError } from '../platform/errors';
import { WhatsAppCredential } from './whatsapp-credential.entity';

/**
 * Which WhatsApp credentials a user's agents talk through: the platform's one shared account (how the
 * host worked before users brought their own) or the user's own numbers. Migration phase 1 runs both.
 */
export enum CredentialSource {
  USER = 'USER',
  PLATFORM = 'PLATFORM',
}
registerEnumType(CredentialSource, {
  name: 'WhatsAppCredentialSource',
  description: 'USER: the agent answers on one of its owner\'s own numbers. PLATFORM: on the platform\'s shared number.',
  valuesConfig: {
    USER: { description: 'The owner\'s own phone numbers.' },
    PLATFORM: { description: 'The platform\'s shared phone number.' },
  },
});

/**
 * The per-user override of the global default (WHATSAPP_CREDENTIAL_SOURCE_DEFAULT), written by an admin
 * or by the migration wizard. No row means "the default".
 */
@Entity({ tableName: 'user_credential_sources' })
export class UserCredentialSource {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => CredentialSource })
  source!: CredentialSource;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * The platform credentials' life: in use, deprecated (no new use) or retired (cleaned up). A single row;
 * its absence means "in use".
 */
@Entity({ tableName: 'platform_credential_state' })
export class PlatformCredentialState {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = 1;

  @Property({ type: 'timestamptz', nullable: true })
  deprecatedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  deprecatedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;
}

/**
 * The owner recorded on the platform credential's rows (its secrets are encrypted under this "user's"
 * key like any other). Never a host user id: host ids are random v4 uuids, and this one is not.
 */
export const PLATFORM_OWNER_ID = '00000000-0000-0000-0000-000000000001';

export type PlatformDefault = Config['platform']['defaultSource'];

export async function platformStateOf(em: EntityManager): Promise<PlatformCredentialState> {
  return (await em.findOne(PlatformCredentialState, { id: 1 })) ?? new PlatformCredentialState();
}

/** A retired platform serves nobody, whatever the default says. */
export async function credentialSourceOf(em: EntityManager, defaultSource: PlatformDefault, userId: string): Promise<CredentialSource> {
  const [override, state] = await Promise.all([em.findOne(UserCredentialSource, { userId }), platformStateOf(em)]);
  if (state.retiredAt) return CredentialSource.USER;
  return override?.source ?? (defaultSource as CredentialSource);
}

/** The platform's credential row; null until synced from configuration (readCredentialSecrets loads its secrets). */
export async function platformCredentialOf(em: EntityManager): Promise<WhatsAppCredential | null> {
  return em.findOne(WhatsAppCredential, { platform: true });
}

/** New use of the platform credentials (a new agent, a user moved back to them) after deprecation. */
export async function assertPlatformOpenForNewUse(em: EntityManager, field: string): Promise<void> {
  const state = await platformStateOf(em);
  if (state.retiredAt || state.deprecatedAt) {
    throw new PublicError(
      ErrorCode.PlatformCredentialsDeprecated,
      state.retiredAt
        ? 'The platform\'s WhatsApp credentials were retired: connect your own WhatsApp Business number.'
        : 'The platform\'s WhatsApp credentials are deprecated and take no new users: connect your own WhatsApp Business number.',
      { field },
    );
  }
}
