import type { EntityManager } from '@mikro-orm/postgresql';
import { DriverException } from '@mikro-orm/core';
import { auditWithin, AuditOutcome } from '../audit';
import { asCiphertext, CiphertextInvalidError, isCiphertext, type KeyService, type SecretLocation } from '../adapters/keys';
import { CredentialStatus, CredentialStatusReason } from './credential-status';
import { SecretsBinding, WhatsAppCredential } from './whatsapp-credential.entity';

/** A credential's decrypted secrets. Lives in memory for one operation; never logged, stored or returned. */
export interface CredentialSecrets {
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

/** The ciphertext columns, lazy on the entity: populate them to read the secrets with the row. */
export const SECRET_COLUMNS = ['accessTokenCiphertext', 'appSecretCiphertext', 'verifyTokenCiphertext'] as const;

type SecretColumn = (typeof SECRET_COLUMNS)[number];

const SECRET_OF: Record<SecretColumn, keyof CredentialSecrets> = {
  accessTokenCiphertext: 'accessToken',
  appSecretCiphertext: 'appSecret',
  verifyTokenCiphertext: 'verifyToken',
};

/** The names the binding uses: the table and its columns as PostgreSQL spells them. */
const TABLE = 'whatsapp_credentials';
const COLUMN_NAMES: Record<SecretColumn, string> = {
  accessTokenCiphertext: 'access_token_ciphertext',
  appSecretCiphertext: 'app_secret_ciphertext',
  verifyTokenCiphertext: 'verify_token_ciphertext',
};

/** Where one of a credential's secrets lives: what its ciphertext is bound to. */
export function credentialSecretLocation(credentialId: string, column: string): SecretLocation {
  const name = COLUMN_NAMES[column as SecretColumn];
  if (!name) throw new Error(`"${column}" is not a credential secret column.`);
  return { table: TABLE, column: name, rowId: credentialId };
}

/**
 * A stored secret of the credential failed authentication where it is stored: moved from another row,
 * column or user, or altered. The credential has been marked SECRETS_UNREADABLE and audited.
 */
export class CredentialSecretsUnreadableError extends Error {
  constructor(
    readonly credentialId: string,
    /** The column that failed (the first one, when several did). */
    readonly column: string,
  ) {
    super('A stored secret of this credential failed its integrity check; enter the credential\'s secrets again.');
    this.name = 'CredentialSecretsUnreadableError';
  }
}

const UNREADABLE_MESSAGE =
  'A stored secret of this credential failed its integrity check (it was moved or altered in the database). ' +
  'The number is not used until you enter its secrets again (reconnect it).';

/**
 * Decrypts a credential's secrets with its owner's key, each bound to its row and column. The ciphertext
 * columns are lazy (never loaded by ordinary queries), so they are fetched here and only here.
 *
 * A ciphertext that fails authentication (swapped between columns, rows or users, or tampered) throws
 * `CredentialSecretsUnreadableError`, after marking the credential SECRETS_UNREADABLE and auditing it in
 * a unit of work of its own: the value is never used, and the owner sees why.
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
  const bound = credential.secretsBinding === SecretsBinding.BOUND_V1;
  const results = await Promise.allSettled(
    SECRET_COLUMNS.map(async (column) =>
      keys.decryptFor(credential.userId, asCiphertextOrInvalid(credential[column]), bound ? credentialSecretLocation(credential.id, column) : undefined),
    ),
  );
  const failedAt = results.findIndex((result) => result.status === 'rejected' && result.reason instanceof CiphertextInvalidError);
  if (failedAt >= 0) {
    const column = COLUMN_NAMES[SECRET_COLUMNS[failedAt]!];
    await markSecretsUnreadable(em, credential, column);
    throw new CredentialSecretsUnreadableError(credential.id, column);
  }
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  const [accessToken, appSecret, verifyToken] = results.map((result) => (result as PromiseFulfilledResult<string>).value);
  return { accessToken: accessToken!, appSecret: appSecret!, verifyToken: verifyToken! };
}

function asCiphertextOrInvalid(value: string) {
  // A stored value without the ciphertext shape was altered too: same outcome as a failed tag.
  if (!isCiphertext(value)) throw CiphertextInvalidError.of('no-prefix');
  return asCiphertext(value);
}

/**
 * Marks the credential as needing attention and audits the failed read, committed on its own (the
 * caller's operation fails). A conditional UPDATE, so concurrent readers mark and audit it once per change.
 * The caller may hold a lock on the row in its own transaction: a short lock timeout makes the marking
 * give up instead of waiting on it (the read is refused either way; the next read marks it).
 */
async function markSecretsUnreadable(em: EntityManager, credential: WhatsAppCredential, column: string): Promise<void> {
  const now = new Date();
  const previous = { status: credential.status, reason: credential.statusReason };
  let changed = 0;
  try {
    await em.fork({ clear: true }).transactional(async (tx) => {
      await tx.getConnection().execute('set local lock_timeout = \'2s\'', [], 'run', tx.getTransactionContext());
      changed = await tx.nativeUpdate(
        WhatsAppCredential,
        { id: credential.id, statusReason: { $ne: CredentialStatusReason.SECRETS_UNREADABLE } },
        {
          status: CredentialStatus.INVALID,
          statusReason: CredentialStatusReason.SECRETS_UNREADABLE,
          statusMessage: UNREADABLE_MESSAGE,
          statusChangedAt: now,
        },
      );
      if (changed === 0) return;
      auditWithin(tx, {
        actor: 'system',
        action: 'credential.secret_integrity_failed',
        outcome: AuditOutcome.FAILURE,
        subjectUserId: credential.userId,
        targetType: 'WhatsAppCredential',
        targetId: credential.id,
        errorCode: 'CIPHERTEXT_BINDING_FAILED',
        details: { table: TABLE, column, previousStatus: previous.status, previousReason: previous.reason },
      });
    });
  } catch (error) {
    if (!(error instanceof DriverException)) throw error;
    return;
  }
  if (changed === 0) return;
  credential.status = CredentialStatus.INVALID;
  credential.statusReason = CredentialStatusReason.SECRETS_UNREADABLE;
  credential.statusMessage = UNREADABLE_MESSAGE;
  credential.statusChangedAt = now;
}

/**
 * Encrypts secrets for the credential's owner, bound to this row and column, and sets the ciphertext
 * columns (the caller flushes). A row still unbound (written before binding) has its other secrets
 * re-encrypted bound as well, so a row is always wholly bound or wholly unbound.
 */
export async function writeCredentialSecrets(
  keys: KeyService,
  credential: WhatsAppCredential,
  secrets: Partial<CredentialSecrets>,
  /** Where an unbound row's other secrets are read from; only a partial write to such a row needs it. */
  em?: EntityManager,
): Promise<void> {
  let values = secrets;
  const complete = SECRET_COLUMNS.every((column) => secrets[SECRET_OF[column]] !== undefined);
  if (credential.secretsBinding !== SecretsBinding.BOUND_V1 && !complete && SECRET_COLUMNS.some((column) => secrets[SECRET_OF[column]] !== undefined)) {
    if (!em) throw new Error('Replacing some secrets of an unbound credential needs an EntityManager to re-bind the others.');
    values = { ...(await readCredentialSecrets(em, keys, credential)), ...definedOnly(secrets) };
  }
  for (const column of SECRET_COLUMNS) {
    const value = values[SECRET_OF[column]];
    if (value === undefined) continue;
    credential[column] = await keys.encryptFor(credential.userId, value, credentialSecretLocation(credential.id, column));
  }
  if (values.accessToken !== undefined) credential.accessTokenHint = values.accessToken.slice(-4);
  if (SECRET_COLUMNS.some((column) => values[SECRET_OF[column]] !== undefined)) credential.secretsBinding = SecretsBinding.BOUND_V1;
}

function definedOnly(secrets: Partial<CredentialSecrets>): Partial<CredentialSecrets> {
  return Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined));
}
