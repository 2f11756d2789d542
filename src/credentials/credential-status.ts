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
}

registerEnumType(CredentialStatus, { name: 'CredentialStatus', description: 'Health of a WhatsApp credential.' });
registerEnumType(CredentialStatusReason, {
  name: 'CredentialStatusReason',
  description: 'The cause behind a credential status; NONE when active and healthy.',
});
