import type { EntityManager } from '@mikro-orm/postgresql';
import { asCiphertext, type KeyService } from '../keys';
import { WhatsAppCredential } from './whatsapp-credential.entity';

/** A credential's decrypted secrets. Lives in memory for one operation; never logged, stored or returned. */
export interface CredentialSecrets {
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

/** The ciphertext columns, lazy on the entity: populate them to read the secrets with the row. */
export const SECRET_COLUMNS = ['accessTokenCiphertext', 'appSecretCiphertext', 'verifyTokenCiphertext'] as const;

/**
 * Decrypts a credential's secrets with its owner's key. The ciphertext columns are lazy (never loaded by
 * ordinary queries), so they are fetched here and only here.
 */
export async function readCredentialSecrets(
  em: EntityManager,
  keys: KeyService,
  credential: WhatsAppCredential,
): Promise<CredentialSecrets> {
  // Hot paths load them with the row (`select *`); anything else fetches them here.
  if (!SECRET_COLUMNS.every((column) => typeof credential[column] === 'string')) {
    await em.populate(credential, SECRET_COLUMNS as never, { refresh: false });
  }
  const [accessToken, appSecret, verifyToken] = await Promise.all(
    SECRET_COLUMNS.map((column) => keys.decryptFor(credential.userId, asCiphertext(credential[column]))),
  );
  return { accessToken: accessToken!, appSecret: appSecret!, verifyToken: verifyToken! };
}

/** Encrypts secrets for the credential's owner and sets the ciphertext columns (the caller flushes). */
export async function writeCredentialSecrets(
  keys: KeyService,
  credential: WhatsAppCredential,
  secrets: Partial<CredentialSecrets>,
): Promise<void> {
  const encrypt = (value: string) => keys.encryptFor(credential.userId, value);
  if (secrets.accessToken !== undefined) {
    credential.accessTokenCiphertext = await encrypt(secrets.accessToken);
    credential.accessTokenHint = secrets.accessToken.slice(-4);
  }
  if (secrets.appSecret !== undefined) credential.appSecretCiphertext = await encrypt(secrets.appSecret);
  if (secrets.verifyToken !== undefined) credential.verifyTokenCiphertext = await encrypt(secrets.verifyToken);
}
