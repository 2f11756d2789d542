import { registerEnumType } from 'type-graphql';

/** The seed design's four statuses. The reason below keeps the causes apart. */
export enum CredentialStatus {
  Active = 'active',
  Invalid = 'invalid',
  Expired = 'expired',
  Suspended = 'suspended',
}

/**
 * Why a credential is not (fully) healthy. Kept separate from the status so that "Meta was unreachable"
 * never looks like "your token was revoked" (the false-disconnect complaint against Chatwoot).
 */
export enum CredentialStatusReason {
  None = 'none',
  TokenInvalid = 'token_invalid',
  TokenExpired = 'token_expired',
  PermissionMissing = 'permission_missing',
  WrongBusinessAccount = 'wrong_business_account',
  PhoneNumberRestricted = 'phone_number_restricted',
  AccountRestricted = 'account_restricted',
  MetaUnreachable = 'meta_unreachable',
  SuspendedByAdmin = 'suspended_by_admin',
}

registerEnumType(CredentialStatus, { name: 'CredentialStatus', description: 'Health of a WhatsApp credential.' });
registerEnumType(CredentialStatusReason, {
  name: 'CredentialStatusReason',
  description: 'The cause behind a credential status; NONE when active and healthy.',
});
