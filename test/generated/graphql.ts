/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  _Any: { input: any; output: any; }
  federation__FieldSet: { input: any; output: any; }
  federation__Policy: { input: any; output: any; }
  federation__Scope: { input: any; output: any; }
  link__Import: { input: any; output: any; }
};

export type Agent = {
  __typename?: 'Agent';
  id: Scalars['ID']['output'];
  /** The agent's WhatsApp configuration; null when WhatsApp is not enabled. */
  whatsapp?: Maybe<AgentWhatsAppConfig>;
};

/** An agent's WhatsApp configuration. */
export type AgentWhatsAppConfig = {
  __typename?: 'AgentWhatsAppConfig';
  agentId: Scalars['ID']['output'];
  autoReply: Scalars['Boolean']['output'];
  businessHours?: Maybe<BusinessHours>;
  createdAt: Scalars['DateTimeISO']['output'];
  credentialId: Scalars['ID']['output'];
  enabled: Scalars['Boolean']['output'];
  fallbackMessage?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  phoneNumberId: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  userId: Scalars['ID']['output'];
  welcomeMessage?: Maybe<Scalars['String']['output']>;
};

/** When an agent answers on WhatsApp; outside these hours the fallback message is sent. */
export type BusinessHours = {
  __typename?: 'BusinessHours';
  enabled: Scalars['Boolean']['output'];
  schedule: Array<BusinessHoursSpan>;
  /** An IANA timezone, e.g. Europe/Lisbon. */
  timezone: Scalars['String']['output'];
};

/** One opening span on a weekday, in the schedule's timezone. */
export type BusinessHoursSpan = {
  __typename?: 'BusinessHoursSpan';
  /** MONDAY … SUNDAY. */
  day: Scalars['String']['output'];
  /** HH:MM; an end before the start spans midnight. */
  end: Scalars['String']['output'];
  /** HH:MM, 24-hour clock. */
  start: Scalars['String']['output'];
};

/** A credential's status changed (a real-time alert). */
export type CredentialHealthEvent = {
  __typename?: 'CredentialHealthEvent';
  /** The credential as it is now; null once deleted. */
  credential?: Maybe<WhatsAppCredential>;
  credentialId: Scalars['ID']['output'];
  occurredAt: Scalars['DateTimeISO']['output'];
  previousStatus: CredentialStatus;
  reason: CredentialStatusReason;
  status: CredentialStatus;
};

/** Health of a WhatsApp credential. */
export type CredentialStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'INVALID'
  | 'SUSPENDED';

/** The cause behind a credential status; NONE when active and healthy. */
export type CredentialStatusReason =
  | 'ACCOUNT_RESTRICTED'
  | 'META_UNREACHABLE'
  | 'NONE'
  | 'PERMISSION_MISSING'
  | 'PHONE_NUMBER_RESTRICTED'
  | 'SUSPENDED_BY_ADMIN'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID'
  | 'WRONG_BUSINESS_ACCOUNT';

/** Progress of the rewrap that follows a key rotation. */
export type KeyRewrapState =
  | 'COMPLETE'
  | 'FAILED'
  | 'NONE'
  | 'PENDING';

/** A run rotating every user's encryption key, with its progress. */
export type KeyRotationRun = {
  __typename?: 'KeyRotationRun';
  /** Users whose key was rotated, whose secrets were rewrapped and whose old versions were retired. */
  done: Scalars['Int']['output'];
  /** Users that could not be rotated or rewrapped (their secrets stay readable). */
  failed: Scalars['Int']['output'];
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  /** The last failure: an error class and our message, never a secret. */
  lastError?: Maybe<Scalars['String']['output']>;
  startedAt: Scalars['DateTimeISO']['output'];
  /** The administrator who started the run. */
  startedBy?: Maybe<Scalars['ID']['output']>;
  state: KeyRotationRunState;
  /** Users with stored secrets: counted at the start, exact once every user was visited. */
  total: Scalars['Int']['output'];
};

export type KeyRotationRunState =
  | 'COMPLETED'
  | 'FAILED'
  | 'RUNNING';

export type Mutation = {
  __typename?: 'Mutation';
  /** GDPR erasure, for the host platform when it deletes a user (or an admin): removes every row of the user's and destroys their encryption key, so even copies of their encrypted secrets in old backups are unreadable. Idempotent. FORBIDDEN for anyone else. */
  deleteUserData: UserDataErasure;
  /** Rotates my encryption key (an admin may name any user). New secrets use the new version at once; stored ones are rewrapped in the background, then older versions are retired (rewrapState). Every secret stays readable throughout. */
  rotateUserKey: UserKeyInfo;
  /** Admin: starts a background run rotating every user's key, resumable after a restart. CONFLICT while one is running. */
  startKeyRotationRun: KeyRotationRun;
};


export type MutationDeleteUserDataArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationRotateUserKeyArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  /** Admin: a rotate-all run and its progress; the latest when no id is given. */
  keyRotationRun?: Maybe<KeyRotationRun>;
  /** My encryption key's versions and the state of its last rotation (an admin may name any user). NOT_FOUND without a key. */
  userKeyInfo: UserKeyInfo;
  /** One of my credentials; NOT_FOUND for anyone else's. */
  whatsappCredential: WhatsAppCredential;
  /** My connected WhatsApp credentials, newest first. */
  whatsappCredentials: Array<WhatsAppCredential>;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


export type QueryKeyRotationRunArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryUserKeyInfoArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryWhatsappCredentialArgs = {
  id: Scalars['ID']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Status changes of my credentials, as they happen. */
  credentialHealthChanged: CredentialHealthEvent;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's WhatsApp credentials (theirs or an admin's view). */
  whatsappCredentials: Array<WhatsAppCredential>;
};

/** What erasing a user's data removed. Counts are zero when there was nothing (left) to remove. */
export type UserDataErasure = {
  __typename?: 'UserDataErasure';
  agentConfigs: Scalars['Int']['output'];
  /** Older audit entries about the user whose details were cleared (the entries themselves stay). */
  auditEntriesScrubbed: Scalars['Int']['output'];
  conversations: Scalars['Int']['output'];
  credentials: Scalars['Int']['output'];
  /** Before-erasure hooks (e.g. removing Meta's webhook configuration) that failed; the erasure went ahead. */
  hooksFailed: Array<Scalars['String']['output']>;
  /** The user's encryption key is destroyed: every copy of their encrypted secrets (dumps, data backups) is unreadable. */
  keyDestroyed: Scalars['Boolean']['output'];
  keyRotationRecords: Scalars['Int']['output'];
  messages: Scalars['Int']['output'];
  userId: Scalars['ID']['output'];
  webhookDeliveries: Scalars['Int']['output'];
  webhookEndpoints: Scalars['Int']['output'];
};

/** A user's encryption key: its versions and the state of its latest rotation. Never key material. */
export type UserKeyInfo = {
  __typename?: 'UserKeyInfo';
  /** Why the last rewrap failed, when it did. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The version new secrets are encrypted with. */
  latestVersion: Scalars['Int']['output'];
  /** Secrets encrypted with an older version no longer decrypt. */
  minDecryptionVersion: Scalars['Int']['output'];
  rewrapCompletedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  rewrapState: KeyRewrapState;
  /** Stored secrets moved to the latest version by the last rewrap. */
  rewrappedSecrets: Scalars['Int']['output'];
  rotatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Stored values that were already unreadable (tampered or malformed) and could not be rewrapped. */
  unreadableSecrets: Scalars['Int']['output'];
  userId: Scalars['ID']['output'];
};

/** A WhatsApp Business phone number connected with its owner's own Meta credentials. */
export type WhatsAppCredential = {
  __typename?: 'WhatsAppCredential';
  /** The last four characters of the access token, to tell tokens apart. */
  accessTokenHint: Scalars['String']['output'];
  /** WhatsApp Business Account (WABA) id. */
  businessAccountId: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** The verified business name shown to customers. */
  displayName: Scalars['String']['output'];
  healthCheckedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  lastValidatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The number as Meta formats it, e.g. +1 555-078-3881. */
  phoneNumber: Scalars['String']['output'];
  /** Meta's id of the phone number; unique across all users. */
  phoneNumberId: Scalars['String']['output'];
  /** Meta quality rating: GREEN, YELLOW, RED or UNKNOWN. */
  qualityRating?: Maybe<Scalars['String']['output']>;
  status: CredentialStatus;
  /** A human-readable explanation of the status. */
  statusMessage?: Maybe<Scalars['String']['output']>;
  statusReason: CredentialStatusReason;
  /** When the access token expires; null when it never does. */
  tokenExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Permissions the token carries. */
  tokenScopes: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  userId: Scalars['ID']['output'];
};

export type _Entity = Agent | User;

export type _Service = {
  __typename?: '_Service';
  sdl?: Maybe<Scalars['String']['output']>;
};

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type MyCredentialsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCredentialsQuery = { __typename?: 'Query', whatsappCredentials: Array<{ __typename?: 'WhatsAppCredential', id: string, phoneNumber: string, displayName: string, status: CredentialStatus, statusReason: CredentialStatusReason, accessTokenHint: string }> };

export type CredentialHealthChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CredentialHealthChangedSubscription = { __typename?: 'Subscription', credentialHealthChanged: { __typename?: 'CredentialHealthEvent', credentialId: string, previousStatus: CredentialStatus, status: CredentialStatus, reason: CredentialStatusReason } };

export type UserKeyInfoFieldsFragment = { __typename?: 'UserKeyInfo', userId: string, latestVersion: number, minDecryptionVersion: number, rewrapState: KeyRewrapState, rotatedAt?: string | null, rewrapCompletedAt?: string | null, rewrappedSecrets: number, unreadableSecrets: number, lastError?: string | null };

export type KeyRotationRunFieldsFragment = { __typename?: 'KeyRotationRun', id: string, state: KeyRotationRunState, startedBy?: string | null, total: number, done: number, failed: number, startedAt: string, finishedAt?: string | null, lastError?: string | null };

export type UserKeyInfoQueryVariables = Exact<{
  userId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type UserKeyInfoQuery = { __typename?: 'Query', userKeyInfo: { __typename?: 'UserKeyInfo', userId: string, latestVersion: number, minDecryptionVersion: number, rewrapState: KeyRewrapState, rotatedAt?: string | null, rewrapCompletedAt?: string | null, rewrappedSecrets: number, unreadableSecrets: number, lastError?: string | null } };

export type RotateUserKeyMutationVariables = Exact<{
  userId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type RotateUserKeyMutation = { __typename?: 'Mutation', rotateUserKey: { __typename?: 'UserKeyInfo', userId: string, latestVersion: number, minDecryptionVersion: number, rewrapState: KeyRewrapState, rotatedAt?: string | null, rewrapCompletedAt?: string | null, rewrappedSecrets: number, unreadableSecrets: number, lastError?: string | null } };

export type StartKeyRotationRunMutationVariables = Exact<{ [key: string]: never; }>;


export type StartKeyRotationRunMutation = { __typename?: 'Mutation', startKeyRotationRun: { __typename?: 'KeyRotationRun', id: string, state: KeyRotationRunState, startedBy?: string | null, total: number, done: number, failed: number, startedAt: string, finishedAt?: string | null, lastError?: string | null } };

export type KeyRotationRunQueryVariables = Exact<{
  id?: InputMaybe<Scalars['ID']['input']>;
}>;


export type KeyRotationRunQuery = { __typename?: 'Query', keyRotationRun?: { __typename?: 'KeyRotationRun', id: string, state: KeyRotationRunState, startedBy?: string | null, total: number, done: number, failed: number, startedAt: string, finishedAt?: string | null, lastError?: string | null } | null };

export type DeleteUserDataMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type DeleteUserDataMutation = { __typename?: 'Mutation', deleteUserData: { __typename?: 'UserDataErasure', userId: string, keyDestroyed: boolean, credentials: number, webhookEndpoints: number, webhookDeliveries: number, agentConfigs: number, conversations: number, messages: number, keyRotationRecords: number, auditEntriesScrubbed: number, hooksFailed: Array<string> } };

export const UserKeyInfoFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserKeyInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserKeyInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"}},{"kind":"Field","name":{"kind":"Name","value":"minDecryptionVersion"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapState"}},{"kind":"Field","name":{"kind":"Name","value":"rotatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrappedSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"unreadableSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<UserKeyInfoFieldsFragment, unknown>;
export const KeyRotationRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeyRotationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KeyRotationRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<KeyRotationRunFieldsFragment, unknown>;
export const MyCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsappCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}}]}}]}}]} as unknown as DocumentNode<MyCredentialsQuery, MyCredentialsQueryVariables>;
export const CredentialHealthChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CredentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CredentialHealthChangedSubscription, CredentialHealthChangedSubscriptionVariables>;
export const UserKeyInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserKeyInfo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userKeyInfo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserKeyInfoFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserKeyInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserKeyInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"}},{"kind":"Field","name":{"kind":"Name","value":"minDecryptionVersion"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapState"}},{"kind":"Field","name":{"kind":"Name","value":"rotatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrappedSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"unreadableSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<UserKeyInfoQuery, UserKeyInfoQueryVariables>;
export const RotateUserKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateUserKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateUserKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserKeyInfoFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserKeyInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserKeyInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"}},{"kind":"Field","name":{"kind":"Name","value":"minDecryptionVersion"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapState"}},{"kind":"Field","name":{"kind":"Name","value":"rotatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrappedSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"unreadableSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<RotateUserKeyMutation, RotateUserKeyMutationVariables>;
export const StartKeyRotationRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartKeyRotationRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startKeyRotationRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeyRotationRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeyRotationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KeyRotationRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<StartKeyRotationRunMutation, StartKeyRotationRunMutationVariables>;
export const KeyRotationRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KeyRotationRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyRotationRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeyRotationRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeyRotationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KeyRotationRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<KeyRotationRunQuery, KeyRotationRunQueryVariables>;
export const DeleteUserDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteUserData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteUserData"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"keyDestroyed"}},{"kind":"Field","name":{"kind":"Name","value":"credentials"}},{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"}},{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"}},{"kind":"Field","name":{"kind":"Name","value":"agentConfigs"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"}},{"kind":"Field","name":{"kind":"Name","value":"messages"}},{"kind":"Field","name":{"kind":"Name","value":"keyRotationRecords"}},{"kind":"Field","name":{"kind":"Name","value":"auditEntriesScrubbed"}},{"kind":"Field","name":{"kind":"Name","value":"hooksFailed"}}]}}]}}]} as unknown as DocumentNode<DeleteUserDataMutation, DeleteUserDataMutationVariables>;