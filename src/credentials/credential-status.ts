import { registerEnumType } from 'type-graphql';

/** The seed design's four statuses. The reason below keeps the causes apart. */
export enum CredentialStatus {
  ACTIVE = 'active',
  INVALID = 'invalid',
  EXPIRED = 'expired',
  SUSPENDED = 'suspended',
}

/**
 * Why a credential is not (fully) healthy. Kept separate from the status so that "Meta was unreachable"
 * never looks like "your token was revoked" (the false-disconnect complaint against Chatwoot).
 */
export enum CredentialStatusReason {
  NONE = 'none',
  TOKEN_INVALID = 'token_invalid',
  TOKEN_EXPIRED = 'token_expired',
  PERMISSION_MISSING = 'permission_missing',
  WRONG_BUSINESS_ACCOUNT = 'wrong_business_account',
  PHONE_NUMBER_RESTRICTED = 'phone_number_restricted',
  ACCOUNT_RESTRICTED = 'account_restricted',
  META_UNREACHABLE = 'meta_unreachable',
  SUSPENDED_BY_ADMIN = 'suspended_by_admin',
  /** The app secret does not match the token's app (`appsecret_proof` refused). */
  APP_SECRET_INVALID = 'app_secret_invalid',
  /** The phone number id does not exist, or is not a number of the business account. */
  PHONE_NUMBER_NOT_FOUND = 'phone_number_not_found',
  /** Still active, but the token expires within EXPIRY_WARNING_DAYS. */
  TOKEN_EXPIRING = 'token_expiring',
  /**
   * A stored secret failed its integrity check: the ciphertext was moved, swapped or altered in the
   * database. The credential is not used until its secrets are entered again.
   */
  SECRETS_UNREADABLE = 'secrets_unreadable',
}

/** The status each reason puts a credential in; META_UNREACHABLE never changes the status by itself. */
export function statusForReason(reason: CredentialStatusReason, current: CredentialStatus): CredentialStatus {
  switch (reason) {
    case CredentialStatusReason.NONE:
    case CredentialStatusReason.TOKEN_EXPIRING:
      return CredentialStatus.ACTIVE;
    case CredentialStatusReason.META_UNREACHABLE:
      return current;
    case CredentialStatusReason.TOKEN_EXPIRED:
      return CredentialStatus.EXPIRED;
    case CredentialStatusReason.PHONE_NUMBER_RESTRICTED:
    case CredentialStatusReason.ACCOUNT_RESTRICTED:
    case CredentialStatusReason.SUSPENDED_BY_ADMIN:
      return CredentialStatus.SUSPENDED;
    case CredentialStatusReason.TOKEN_INVALID:
    case CredentialStatusReason.PERMISSION_MISSING:
    case CredentialStatusReason.WRONG_BUSINESS_ACCOUNT:
    case CredentialStatusReason.APP_SECRET_INVALID:
    case CredentialStatusReason.PHONE_NUMBER_NOT_FOUND:
    case CredentialStatusReason.SECRETS_UNREADABLE:
      return CredentialStatus.INVALID;
  }
  // A new reason must be given its status above: the compiler refuses to build until it is.
  const unhandled: never = reason;
  throw new Error(`no status for credential status reason ${String(unhandled)}`);
}

registerEnumType(CredentialStatus, {
  name: 'WhatsAppCredentialStatus',
  description: 'Health of a WhatsApp credential.',
  valuesConfig: {
    ACTIVE: { description: 'Usable: Meta accepts it.' },
    INVALID: { description: 'Meta refuses it (see the reason): enter new secrets or fix the setup at Meta.' },
    EXPIRED: { description: 'The access token expired: enter a new one.' },
    SUSPENDED: { description: 'Out of service: restricted by Meta or suspended by an administrator.' },
  },
});
registerEnumType(CredentialStatusReason, {
  name: 'WhatsAppCredentialStatusReason',
  description: 'The cause behind a credential status; NONE when active and healthy.',
  valuesConfig: {
    NONE: { description: 'Nothing wrong.' },
    TOKEN_INVALID: { description: 'Meta does not accept the access token (revoked or wrong).' },
    TOKEN_EXPIRED: { description: 'The access token expired.' },
    PERMISSION_MISSING: { description: 'The token lacks whatsapp_business_messaging or whatsapp_business_management.' },
    WRONG_BUSINESS_ACCOUNT: { description: 'The token has no access to the WhatsApp Business Account.' },
    PHONE_NUMBER_RESTRICTED: { description: 'Meta restricted the phone number.' },
    ACCOUNT_RESTRICTED: { description: 'Meta restricted the WhatsApp Business Account.' },
    META_UNREACHABLE: { description: 'Meta could not be reached at the last check; the status is unchanged and the check is retried.' },
    SUSPENDED_BY_ADMIN: { description: 'An administrator suspended the credential.' },
    APP_SECRET_INVALID: { description: 'The app secret does not belong to the token\'s Meta app.' },
    PHONE_NUMBER_NOT_FOUND: { description: 'The phone number id does not exist or is not a number of the business account.' },
    TOKEN_EXPIRING: { description: 'Still active, but the access token expires soon.' },
    SECRETS_UNREADABLE: { description: 'A stored secret failed its integrity check; enter the secrets again.' },
  },
});
