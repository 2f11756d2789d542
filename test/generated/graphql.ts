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

export type Mutation = {
  __typename?: 'Mutation';
  /** Configures the credential's webhook in Meta again (in the background); the endpoint is PENDING until it finishes. */
  reconfigureWhatsAppWebhook: WebhookEndpoint;
};


export type MutationReconfigureWhatsAppWebhookArgs = {
  credentialId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  /** One of my credentials; NOT_FOUND for anyone else's. */
  whatsappCredential: WhatsAppCredential;
  /** My connected WhatsApp credentials, newest first. */
  whatsappCredentials: Array<WhatsAppCredential>;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
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

/** The webhook endpoint WhatsApp delivers a credential's events to. */
export type WebhookEndpoint = {
  __typename?: 'WebhookEndpoint';
  configuredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  credentialId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** When the last authenticated delivery from Meta was processed. */
  lastDeliveryAt?: Maybe<Scalars['DateTimeISO']['output']>;
  phoneNumberId: Scalars['String']['output'];
  routing: WebhookRouting;
  status: WebhookStatus;
  statusReason?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  userId: Scalars['ID']['output'];
  /** Last successful verification handshake from Meta. */
  verifiedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The callback URL given to Meta. */
  webhookUrl: Scalars['String']['output'];
};

/** Where Meta sends this number's message webhooks, as read back from Meta. */
export type WebhookRouting =
  | 'APP_CALLBACK'
  | 'BUSINESS_ACCOUNT_OVERRIDE'
  | 'NOT_ROUTED_HERE'
  | 'PHONE_NUMBER_OVERRIDE'
  | 'UNKNOWN';

export type WebhookStatus =
  | 'ACTIVE'
  | 'FAILED'
  | 'PENDING';

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
  /** Where WhatsApp sends this number's webhooks, and whether Meta is configured to (never the verify token). */
  webhook?: Maybe<WebhookEndpoint>;
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

export type MyCredentialWebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCredentialWebhooksQuery = { __typename?: 'Query', whatsappCredentials: Array<{ __typename?: 'WhatsAppCredential', id: string, webhook?: { __typename?: 'WebhookEndpoint', id: string, credentialId: string, webhookUrl: string, phoneNumberId: string, status: WebhookStatus, statusReason?: string | null, routing: WebhookRouting, configuredAt?: string | null, verifiedAt?: string | null, lastDeliveryAt?: string | null } | null }> };

export type ReconfigureWhatsAppWebhookMutationVariables = Exact<{
  credentialId: Scalars['ID']['input'];
}>;


export type ReconfigureWhatsAppWebhookMutation = { __typename?: 'Mutation', reconfigureWhatsAppWebhook: { __typename?: 'WebhookEndpoint', id: string, credentialId: string, status: WebhookStatus, statusReason?: string | null, routing: WebhookRouting, webhookUrl: string } };


export const MyCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsappCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}}]}}]}}]} as unknown as DocumentNode<MyCredentialsQuery, MyCredentialsQueryVariables>;
export const CredentialHealthChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CredentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CredentialHealthChangedSubscription, CredentialHealthChangedSubscriptionVariables>;
export const MyCredentialWebhooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCredentialWebhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsappCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrl"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"routing"}},{"kind":"Field","name":{"kind":"Name","value":"configuredAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeliveryAt"}}]}}]}}]}}]} as unknown as DocumentNode<MyCredentialWebhooksQuery, MyCredentialWebhooksQueryVariables>;
export const ReconfigureWhatsAppWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReconfigureWhatsAppWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reconfigureWhatsAppWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"routing"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrl"}}]}}]}}]} as unknown as DocumentNode<ReconfigureWhatsAppWebhookMutation, ReconfigureWhatsAppWebhookMutationVariables>;