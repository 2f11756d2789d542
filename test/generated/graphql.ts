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
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _Any: { input: any; output: any; }
  federation__FieldSet: { input: any; output: any; }
  federation__Policy: { input: any; output: any; }
  federation__Scope: { input: any; output: any; }
  link__Import: { input: any; output: any; }
};

export type Agent = {
  __typename?: 'Agent';
  /** The host's id of the agent. */
  id: Scalars['ID']['output'];
  /** The agent's WhatsApp configuration; null when WhatsApp is not enabled (or the agent is not yours). */
  whatsApp?: Maybe<WhatsAppAgentConfig>;
  /**
   * Old name of whatsApp.
   * @deprecated Use whatsApp.
   */
  whatsapp?: Maybe<WhatsAppAgentConfig>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Stops my phone number from writing to a customer until they write START or I remove the entry. Adding one already there returns it unchanged. */
  addWhatsAppSuppression: WhatsAppSuppression;
  /** Connect my own WhatsApp Business number. Validated with Meta; nothing is stored when validation fails. */
  connectWhatsAppCredential: WhatsAppCredentialPayload;
  /** Checks a file against WhatsApp's limits for its kind and returns a short-lived URL to PUT it to. The plugin passes the bytes on to WhatsApp with the number's token and answers a mediaId, which WhatsAppMediaInput.mediaId then sends (reusable for 30 days). */
  createWhatsAppMediaUpload: WhatsAppMediaUpload;
  /**
   * Old name of deleteWhatsAppUserData.
   * @deprecated Use deleteWhatsAppUserData.
   */
  deleteUserData: WhatsAppUserDataErasure;
  /** Disconnect: removes the webhook configuration at Meta and the stored secrets. */
  deleteWhatsAppCredential: WhatsAppDeleteCredentialPayload;
  /** GDPR erasure, for the host platform when it deletes a user (or an admin): removes every row of the user's and destroys their encryption key, so even copies of their encrypted secrets in old backups are unreadable. Idempotent. FORBIDDEN for anyone else. */
  deleteWhatsAppUserData: WhatsAppUserDataErasure;
  /** Admins: deprecate (or un-deprecate) the platform's credentials: no new agents or users; existing ones keep working. */
  deprecatePlatformWhatsApp: WhatsAppPlatform;
  /** Removes the agent's WhatsApp configuration and frees its phone number; returns the agent id. */
  disableAgentWhatsApp: Scalars['ID']['output'];
  /** Puts one of my agents on one of my phone numbers (or on the platform's shared number while I use it). */
  enableAgentWhatsApp: WhatsAppAgentConfig;
  /** Export my credentials (all, or the ones named), encrypted with a passphrase of at least 12 characters, to move them to another environment. */
  exportWhatsAppCredentials: WhatsAppCredentialBundle;
  /** Import a bundle made by exportWhatsAppCredentials. Each credential is validated with Meta again; one failing does not stop the others. */
  importWhatsAppCredentials: Array<WhatsAppCredentialImportResult>;
  /** Marks a received message (and every earlier one of its thread) as read for the customer. */
  markWhatsAppMessageRead: WhatsAppMessage;
  /** Configures the credential's webhook in Meta again (in the background); the endpoint is PENDING until it finishes. */
  reconfigureWhatsAppWebhook: WhatsAppWebhookEndpoint;
  /** Administrators: lift a suspension; the credential is then re-checked with Meta. */
  reinstateWhatsAppCredential: WhatsAppCredential;
  /** Lets my phone number write to the customer again. True if an entry was removed, false if there was none. */
  removeWhatsAppSuppression: Scalars['Boolean']['output'];
  /** Admins: once deprecated and unused, remove the platform's credentials for good. */
  retirePlatformWhatsApp: WhatsAppPlatform;
  /** Hands a dead-lettered item back to processing, exactly as if Meta had delivered it again (a duplicate is still stored once). If it fails again, a new dead letter records why. */
  retryWhatsAppInboundDeadLetter: WhatsAppInboundDeadLetter;
  /** Check the credential with Meta now and update its status. */
  revalidateWhatsAppCredential: WhatsAppCredential;
  /** Back to the platform's credentials: within the rollback window after a run, or after a failed run. */
  rollBackWhatsAppMigration: WhatsAppMigration;
  /**
   * Old name of rotateWhatsAppUserKey.
   * @deprecated Use rotateWhatsAppUserKey.
   */
  rotateUserKey: WhatsAppUserKeyInfo;
  /** Rotates my encryption key (an admin may name any user). New secrets use the new version at once; stored ones are rewrapped in the background, then older versions are retired (rewrapState). Every secret stays readable throughout. */
  rotateWhatsAppUserKey: WhatsAppUserKeyInfo;
  /** Checks your credentials with Meta, configures their webhooks, then moves every agent to your own numbers in one step. A failed step moves nothing and is reported in `steps`. */
  runWhatsAppMigration: WhatsAppMigration;
  /** Sends a WhatsApp message from an agent's (or a credential's) phone number. Free-form content needs the customer's 24-hour window to be open; outside it only a template is sent. Repeating the same idempotencyKey never sends twice. */
  sendWhatsAppMessage: WhatsAppMessage;
  /** Admins: which credentials one user's agents use (null: the global default). Returns the user's source now. */
  setWhatsAppCredentialSource: WhatsAppCredentialSource;
  /** Turns the daily failure summary of one of my phone numbers on or off. It goes to the credential's alert e-mail address at FAILURE_ALERT_DIGEST_HOUR (UTC) when SMTP is configured, and only on days with failures. */
  setWhatsAppFailureDigest: WhatsAppFailureDigestSetting;
  /**
   * Old name of startWhatsAppKeyRotationRun.
   * @deprecated Use startWhatsAppKeyRotationRun.
   */
  startKeyRotationRun: WhatsAppKeyRotationRun;
  /** Admin: starts a background run rotating every user's key, resumable after a restart. CONFLICT while one is running. */
  startWhatsAppKeyRotationRun: WhatsAppKeyRotationRun;
  /** Administrators: take a credential out of service (no sending, no checks). */
  suspendWhatsAppCredential: WhatsAppCredential;
  /** Reads my number's message templates from Meta now (they are also synced when the number is connected, every few hours, and kept current by Meta's webhooks). Syncs share an hourly budget per business account; past it, RATE_LIMITED with retryAfterSeconds. */
  syncWhatsAppTemplates: WhatsAppTemplateSyncResult;
  /** Changes an agent's WhatsApp settings (auto-reply, messages, business hours, pause). */
  updateAgentWhatsApp: WhatsAppAgentConfig;
  /** Replace the token or app secret (re-validated), or change the alert address or message retention. */
  updateWhatsAppCredential: WhatsAppCredentialPayload;
  /** Dry run of connectWhatsAppCredential for a connect wizard: runs every check with Meta and reports each one, storing nothing. Secrets are sent, never returned. DEPENDENCY_UNAVAILABLE when Meta cannot be reached. */
  validateWhatsAppCredential: WhatsAppCredentialValidation;
};


export type MutationAddWhatsAppSuppressionArgs = {
  credentialId: Scalars['ID']['input'];
  customer: Scalars['String']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationConnectWhatsAppCredentialArgs = {
  input: WhatsAppConnectCredentialInput;
};


export type MutationCreateWhatsAppMediaUploadArgs = {
  input: WhatsAppMediaUploadInput;
};


export type MutationDeleteUserDataArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationDeleteWhatsAppCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWhatsAppUserDataArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationDeprecatePlatformWhatsAppArgs = {
  deprecated: Scalars['Boolean']['input'];
};


export type MutationDisableAgentWhatsAppArgs = {
  agentId: Scalars['ID']['input'];
};


export type MutationEnableAgentWhatsAppArgs = {
  input: WhatsAppEnableAgentInput;
};


export type MutationExportWhatsAppCredentialsArgs = {
  credentialIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  passphrase: Scalars['String']['input'];
};


export type MutationImportWhatsAppCredentialsArgs = {
  bundle: Scalars['String']['input'];
  passphrase: Scalars['String']['input'];
};


export type MutationMarkWhatsAppMessageReadArgs = {
  messageId: Scalars['ID']['input'];
  typingIndicator?: Scalars['Boolean']['input'];
};


export type MutationReconfigureWhatsAppWebhookArgs = {
  credentialId: Scalars['ID']['input'];
};


export type MutationReinstateWhatsAppCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveWhatsAppSuppressionArgs = {
  credentialId: Scalars['ID']['input'];
  customer: Scalars['String']['input'];
};


export type MutationRetryWhatsAppInboundDeadLetterArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevalidateWhatsAppCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateUserKeyArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRotateWhatsAppUserKeyArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRunWhatsAppMigrationArgs = {
  input?: InputMaybe<WhatsAppRunMigrationInput>;
};


export type MutationSendWhatsAppMessageArgs = {
  input: WhatsAppSendMessageInput;
};


export type MutationSetWhatsAppCredentialSourceArgs = {
  source?: InputMaybe<WhatsAppCredentialSource>;
  userId: Scalars['ID']['input'];
};


export type MutationSetWhatsAppFailureDigestArgs = {
  credentialId: Scalars['ID']['input'];
  dailyDigest: Scalars['Boolean']['input'];
};


export type MutationSuspendWhatsAppCredentialArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationSyncWhatsAppTemplatesArgs = {
  credentialId: Scalars['ID']['input'];
};


export type MutationUpdateAgentWhatsAppArgs = {
  agentId: Scalars['ID']['input'];
  input: WhatsAppUpdateAgentInput;
};


export type MutationUpdateWhatsAppCredentialArgs = {
  id: Scalars['ID']['input'];
  input: WhatsAppUpdateCredentialInput;
};


export type MutationValidateWhatsAppCredentialArgs = {
  input: WhatsAppConnectCredentialInput;
};

export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  /** Administrators: the whole audit log, newest first. */
  adminWhatsAppAuditLog: WhatsAppAuditEntryConnection;
  /** Administrators: every credential, newest first. Secrets are never readable. */
  adminWhatsAppCredentials: WhatsAppCredentialConnection;
  /** One of my agents' WhatsApp configuration; NOT_FOUND for anyone else's. */
  agentWhatsApp: WhatsAppAgentConfig;
  /**
   * Old name of whatsAppKeyRotationRun.
   * @deprecated Use whatsAppKeyRotationRun.
   */
  keyRotationRun?: Maybe<WhatsAppKeyRotationRun>;
  /** Operations on my data (by me, an administrator or the plugin), newest first. */
  myWhatsAppAuditLog: WhatsAppAuditEntryConnection;
  /** Admins: the platform's shared credentials, their phase, and who depends on them. */
  platformWhatsApp: WhatsAppPlatform;
  /**
   * Old name of whatsAppUserKeyInfo.
   * @deprecated Use whatsAppUserKeyInfo.
   */
  userKeyInfo: WhatsAppUserKeyInfo;
  /** One of my credentials; NOT_FOUND for anyone else's. */
  whatsAppCredential: WhatsAppCredential;
  /** My connected WhatsApp credentials, newest first. */
  whatsAppCredentials: Array<WhatsAppCredential>;
  /** Every error code this subgraph can put in `extensions.code`, for clients that list or check them at run time. Needs no token. */
  whatsAppErrorCodes: Array<WhatsAppErrorCode>;
  /** Whether one of my phone numbers e-mails me a daily summary of its failure alerts (off until I turn it on). */
  whatsAppFailureDigest: WhatsAppFailureDigestSetting;
  /** Inbound messages and statuses of my numbers that could not be stored, newest first, with the reason. Everything else of their deliveries was stored; retry one once its cause is gone. */
  whatsAppInboundDeadLetters: Array<WhatsAppInboundDeadLetter>;
  /** Admin: a rotate-all run and its progress; the latest when no id is given. */
  whatsAppKeyRotationRun?: Maybe<WhatsAppKeyRotationRun>;
  /** Your latest migration run and whether it can be rolled back. */
  whatsAppMigration?: Maybe<WhatsAppMigration>;
  /** What moving your agents to your own WhatsApp numbers would do. */
  whatsAppMigrationPreview: WhatsAppMigrationPreview;
  /** The customers who opted out of messages from one of my phone numbers, newest first. Sends to them are refused with RECIPIENT_OPTED_OUT. */
  whatsAppSuppressions: Array<WhatsAppSuppression>;
  /** The message templates of one of my numbers' business account, by name then language, as last synced or updated by Meta's webhooks. */
  whatsAppTemplates: WhatsAppTemplateConnection;
  /** My encryption key's versions and the state of its last rotation (an admin may name any user). NOT_FOUND without a key. */
  whatsAppUserKeyInfo: WhatsAppUserKeyInfo;
  /**
   * Old name of whatsAppCredential.
   * @deprecated Use whatsAppCredential.
   */
  whatsappCredential: WhatsAppCredential;
  /**
   * Old name of whatsAppCredentials.
   * @deprecated Use whatsAppCredentials.
   */
  whatsappCredentials: Array<WhatsAppCredential>;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


export type QueryAdminWhatsAppAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryAdminWhatsAppCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<WhatsAppCredentialStatus>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryAgentWhatsAppArgs = {
  agentId: Scalars['ID']['input'];
};


export type QueryKeyRotationRunArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryMyWhatsAppAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryUserKeyInfoArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryWhatsAppCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWhatsAppFailureDigestArgs = {
  credentialId: Scalars['ID']['input'];
};


export type QueryWhatsAppInboundDeadLettersArgs = {
  first?: Scalars['Int']['input'];
  includeRetried?: Scalars['Boolean']['input'];
};


export type QueryWhatsAppKeyRotationRunArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryWhatsAppSuppressionsArgs = {
  credentialId: Scalars['ID']['input'];
};


export type QueryWhatsAppTemplatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  credentialId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Scalars['String']['input']>;
};


export type QueryWhatsAppUserKeyInfoArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryWhatsappCredentialArgs = {
  id: Scalars['ID']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Old name of whatsAppCredentialHealthChanged.
   * @deprecated Use whatsAppCredentialHealthChanged.
   */
  credentialHealthChanged: WhatsAppCredentialHealthEvent;
  /** Calls to or from my numbers as Meta reports them (started, ended), recorded by the plugin; it does not answer or place calls. */
  whatsAppCallChanged: WhatsAppCall;
  /** Status changes of my credentials, and quality warnings of their numbers (RED rating, flagged, lower messaging limit), as they happen. */
  whatsAppCredentialHealthChanged: WhatsAppCredentialHealthEvent;
  /** Failure alerts of my phone numbers as they happen: messages no agent was there to answer, messages WhatsApp failed, dead-lettered inbound items, and pauses of calls to WhatsApp. Each alert counts the failures since the previous one of its kind, at most one per number and kind per window. */
  whatsAppFailureAlerts: WhatsAppFailureAlert;
  /** Messages customers send to one of my agents, as they arrive (on any plugin instance). */
  whatsAppMessageReceived: WhatsAppMessage;
  /** Delivery-status changes (sent, delivered, read, failed) of one of my agents' messages, with the message as it is now. */
  whatsAppMessageStatusChanged: WhatsAppMessage;
  /** Status changes of the message templates of my numbers (approved, rejected, paused, disabled...), as they happen. */
  whatsAppTemplateStatusChanged: WhatsAppTemplateStatusEvent;
  /**
   * Old name of whatsAppMessageReceived.
   * @deprecated Use whatsAppMessageReceived.
   */
  whatsappMessageReceived: WhatsAppMessage;
  /**
   * Old name of whatsAppMessageStatusChanged.
   * @deprecated Use whatsAppMessageStatusChanged.
   */
  whatsappMessageStatusChanged: WhatsAppMessage;
};


export type SubscriptionWhatsAppFailureAlertsArgs = {
  credentialId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionWhatsAppMessageReceivedArgs = {
  agentId: Scalars['ID']['input'];
};


export type SubscriptionWhatsAppMessageStatusChangedArgs = {
  agentId: Scalars['ID']['input'];
};


export type SubscriptionWhatsappMessageReceivedArgs = {
  agentId: Scalars['ID']['input'];
};


export type SubscriptionWhatsappMessageStatusChangedArgs = {
  agentId: Scalars['ID']['input'];
};

export type User = {
  __typename?: 'User';
  /** The host's id of the user. */
  id: Scalars['ID']['output'];
  /** The user's WhatsApp credentials, newest first (theirs or an admin's view); empty when they have none or they are not yours to see. */
  whatsAppCredentials: Array<WhatsAppCredential>;
  /**
   * Old name of whatsAppCredentials.
   * @deprecated Use whatsAppCredentials.
   */
  whatsappCredentials: Array<WhatsAppCredential>;
};

/** An agent's WhatsApp configuration. */
export type WhatsAppAgentConfig = {
  __typename?: 'WhatsAppAgentConfig';
  /** The host's agent this configuration belongs to; its fields come from the host. */
  agent?: Maybe<Agent>;
  /** The host's id of the agent. */
  agentId: Scalars['ID']['output'];
  /** The agent runtime answers customers (and the welcome and fallback messages are sent). */
  autoReply: Scalars['Boolean']['output'];
  /** When the agent answers; null: at any time. */
  businessHours?: Maybe<WhatsAppBusinessHours>;
  /** The thread with one customer, with its 24-hour window. */
  conversation?: Maybe<WhatsAppConversation>;
  /** When WhatsApp was enabled for the agent. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The agent's own credential; null while it has only the platform's number. */
  credentialId?: Maybe<Scalars['ID']['output']>;
  /** False while the agent is paused on WhatsApp: messages are stored, nothing is answered. */
  enabled: Scalars['Boolean']['output'];
  /** Sent outside business hours, once per closed period. */
  fallbackMessage?: Maybe<Scalars['String']['output']>;
  /** The configuration's id. */
  id: Scalars['ID']['output'];
  /** Mark each customer message read (blue ticks) as soon as the agent runtime is asked about it. */
  markRead: Scalars['Boolean']['output'];
  /** The agent's messages, newest first; only one customer's with `customer`. Null, with NOT_FOUND, for anyone but the agent's owner (administrators too). */
  messages?: Maybe<WhatsAppMessagePage>;
  /** What a customer writes to receive messages again after opting out (lowercase); null: the default, START. */
  optInKeywords?: Maybe<Array<Scalars['String']['output']>>;
  /** What a customer writes, as the whole message and in any case, to stop messages from the agent's number (lowercase); null: the defaults, STOP and UNSUBSCRIBE. */
  optOutKeywords?: Maybe<Array<Scalars['String']['output']>>;
  /** Minutes the agent stays silent in a conversation after its owner writes from the WhatsApp Business app on the same number (so it does not talk over them); 0 never pauses. */
  ownerReplyPauseMinutes: Scalars['Int']['output'];
  /** The phone number id of the agent's own credential; null without one. */
  phoneNumberId?: Maybe<Scalars['String']['output']>;
  /** The code that routes a customer to this agent on the platform's shared number. */
  platformCode?: Maybe<Scalars['String']['output']>;
  /** Credential health, webhook routing, activity and the 24-hour windows; null only when it could not be read (see the error). */
  status?: Maybe<WhatsAppAgentStatus>;
  /** Show "typing…" to the customer while the agent runtime works on a reply (up to 25 s; also marks the message read). */
  typingIndicator: Scalars['Boolean']['output'];
  /** When the configuration last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** The host's user with this userId; its fields come from the host. */
  user?: Maybe<User>;
  /** The host's id of the agent's owner. */
  userId: Scalars['ID']['output'];
  /** Sent on a customer's first message. */
  welcomeMessage?: Maybe<Scalars['String']['output']>;
};


/** An agent's WhatsApp configuration. */
export type WhatsAppAgentConfigConversationArgs = {
  customer: Scalars['String']['input'];
};


/** An agent's WhatsApp configuration. */
export type WhatsAppAgentConfigMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  customer?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** Whether the agent can talk on WhatsApp right now, and why not. */
export type WhatsAppAgentStatus = {
  __typename?: 'WhatsAppAgentStatus';
  /** OPEN while Meta keeps failing for the number: sends are paused for a moment. */
  circuitState?: Maybe<WhatsAppCircuitState>;
  /** Last health check of the credential. */
  credentialCheckedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Null when the agent has no credential on its line. */
  credentialStatus?: Maybe<WhatsAppCredentialStatus>;
  /** Why the credential has its status; null when the agent has no credential on its line. */
  credentialStatusReason?: Maybe<WhatsAppCredentialStatusReason>;
  /** The latest message from any customer. */
  lastInboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The latest message sent to any customer. */
  lastOutboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The line the agent talks on: its owner's own number, or the platform's shared one. */
  line: WhatsAppCredentialSource;
  /** Customers whose 24-hour window is open now. */
  openWindows: Scalars['Int']['output'];
  /** On the platform's shared number: the wa.me link that reaches this agent. */
  platformLink?: Maybe<Scalars['String']['output']>;
  /** Meta quality rating of the phone number. */
  qualityRating?: Maybe<Scalars['String']['output']>;
  /** Enabled, credential ACTIVE and webhooks routed here: customers reach the agent. */
  ready: Scalars['Boolean']['output'];
  /** Which of Meta's callback settings routes the number's webhooks; null without an endpoint. */
  webhookRouting?: Maybe<WhatsAppWebhookRouting>;
  /** Null when the credential has no webhook endpoint yet. */
  webhookStatus?: Maybe<WhatsAppWebhookStatus>;
  /** When Meta last completed the verification handshake with the endpoint. */
  webhookVerifiedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the last open window closes; null when none is open. */
  windowClosesAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** At least one customer's 24-hour window is open: free-form messages can go to them. */
  windowOpen: Scalars['Boolean']['output'];
};

/** One audited operation. */
export type WhatsAppAuditEntry = {
  __typename?: 'WhatsAppAuditEntry';
  /** e.g. credential.connect, credential.delete, key.rotate. */
  action: Scalars['String']['output'];
  /** The host's user who acted (actorUserId); null for the system. */
  actor?: Maybe<User>;
  /** The actor's role: user, admin, host-service or system. */
  actorRole: Scalars['String']['output'];
  /** Who acted; null for the system (health checks, jobs, webhooks). */
  actorUserId?: Maybe<Scalars['ID']['output']>;
  /** Extra facts chosen from an allow-list (never a secret), such as a phone number id. */
  details?: Maybe<Scalars['JSONObject']['output']>;
  /** The error code when the operation failed or was refused, as in `extensions.code` of an error; null on success, and when the recorded code is not a WhatsAppErrorCode (see recordedErrorCode). */
  errorCode?: Maybe<WhatsAppErrorCode>;
  /** The entry's id. */
  id: Scalars['ID']['output'];
  /** When the operation happened. */
  occurredAt: Scalars['DateTimeISO']['output'];
  /** Whether the operation succeeded, failed or was refused. */
  outcome: WhatsAppAuditOutcome;
  /** The error code exactly as recorded, for diagnosis: a WhatsAppErrorCode, or an internal value that is not one (the failed step of a webhook configuration, the error class of a key rotation, CIPHERTEXT_BINDING_FAILED). Not a stable contract: branch on errorCode. */
  recordedErrorCode?: Maybe<Scalars['String']['output']>;
  /** The id of the request that caused it, to match logs; null for background work. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** The host's user whose data the operation concerned (subjectUserId). */
  subject?: Maybe<User>;
  /** Whose data the operation concerned. */
  subjectUserId?: Maybe<Scalars['ID']['output']>;
  /** The id of the object acted on. */
  targetId?: Maybe<Scalars['String']['output']>;
  /** The kind of object acted on, e.g. WhatsAppCredential. */
  targetType?: Maybe<Scalars['String']['output']>;
};

/** One page of audit entries, newest first. */
export type WhatsAppAuditEntryConnection = {
  __typename?: 'WhatsAppAuditEntryConnection';
  /** The entries of this page. */
  nodes: Array<WhatsAppAuditEntry>;
  /** Where the page ends and whether there are older entries. */
  pageInfo: WhatsAppPageInfo;
};

/** How an audited operation ended. */
export type WhatsAppAuditOutcome =
  /** It was allowed but failed (Meta refused, a dependency was down, ...). */
  | 'FAILURE'
  /** It was refused before anything was done (not allowed, bad input). */
  | 'REJECTED'
  /** It was done. */
  | 'SUCCESS';

/** When an agent answers on WhatsApp; outside these hours the fallback message is sent. */
export type WhatsAppBusinessHours = {
  __typename?: 'WhatsAppBusinessHours';
  /** Off: the agent answers at any time. */
  enabled: Scalars['Boolean']['output'];
  /** The opening spans; the agent is closed outside them. */
  schedule: Array<WhatsAppBusinessHoursSpan>;
  /** An IANA timezone, e.g. Europe/Lisbon; spans are local wall-clock times there (DST included). */
  timezone: Scalars['String']['output'];
};

/** When an agent answers on WhatsApp; outside these hours the fallback message is sent. */
export type WhatsAppBusinessHoursInput = {
  /** Off: the agent answers at any time. */
  enabled: Scalars['Boolean']['input'];
  /** The opening spans; the agent is closed outside them. */
  schedule: Array<WhatsAppBusinessHoursSpanInput>;
  /** An IANA timezone, e.g. Europe/Lisbon; spans are local wall-clock times there (DST included). */
  timezone: Scalars['String']['input'];
};

/** One opening span on a weekday, in the schedule's timezone. */
export type WhatsAppBusinessHoursSpan = {
  __typename?: 'WhatsAppBusinessHoursSpan';
  /** The weekday the span starts on. */
  day: WhatsAppWeekday;
  /** HH:MM (24:00 = midnight at the end of the day); an end before the start spans midnight. */
  end: Scalars['String']['output'];
  /** HH:MM, 24-hour clock, local time. */
  start: Scalars['String']['output'];
};

/** One opening span on a weekday, in the schedule's timezone. */
export type WhatsAppBusinessHoursSpanInput = {
  /** The weekday the span starts on. */
  day: WhatsAppWeekday;
  /** HH:MM (24:00 = midnight at the end of the day); an end before the start spans midnight. */
  end: Scalars['String']['input'];
  /** HH:MM, 24-hour clock, local time. */
  start: Scalars['String']['input'];
};

/** An interactive message with 1 to 3 reply buttons. */
export type WhatsAppButtonsInput = {
  /** At most 1,024 characters. */
  body: Scalars['String']['input'];
  /** 1 to 3 reply buttons. */
  buttons: Array<WhatsAppReplyButtonInput>;
  /** At most 60 characters. */
  footer?: InputMaybe<Scalars['String']['input']>;
  /** A text header, at most 60 characters. */
  header?: InputMaybe<Scalars['String']['input']>;
};

/** A WhatsApp call to or from one of my numbers, as Meta reported it (the plugin does not handle calls). */
export type WhatsAppCall = {
  __typename?: 'WhatsAppCall';
  /** WhatsApp's id of the call (wacid.…). */
  callId: Scalars['String']['output'];
  /** The credential (phone number) of the call. */
  credentialId: Scalars['ID']['output'];
  /** The customer's WhatsApp id. */
  customerWaId: Scalars['String']['output'];
  /** USER_INITIATED (the customer called) or BUSINESS_INITIATED, as Meta names it. */
  direction: Scalars['String']['output'];
  /** How long the call lasted, in seconds, when Meta says. */
  durationSeconds?: Maybe<Scalars['Int']['output']>;
  /** When the call ended; null while it has not. */
  endedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Our id of the call. */
  id: Scalars['ID']['output'];
  /** The last event Meta sent: connect or terminate. */
  lastEvent: Scalars['String']['output'];
  /** When the call began ringing or connected. */
  startedAt: Scalars['DateTimeISO']['output'];
  /** How the call ended (COMPLETED, FAILED), as Meta names it; null while it has not. */
  status?: Maybe<Scalars['String']['output']>;
  /** When the plugin last recorded a change. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** The host's id of the number's owner. */
  userId: Scalars['ID']['output'];
};

/** The per-credential circuit breaker in front of Meta. */
export type WhatsAppCircuitState =
  /** Calls to Meta flow normally. */
  | 'CLOSED'
  /** The pause is over: one probe call decides whether calls flow again or pause again. */
  | 'HALF_OPEN'
  /** Meta kept failing for this credential: calls are refused at once until a short pause ends. */
  | 'OPEN';

/** Your own Meta credentials for one WhatsApp Business phone number. Secrets are write-only. */
export type WhatsAppConnectCredentialInput = {
  /** A system-user access token with whatsapp_business_management and whatsapp_business_messaging. */
  accessToken: Scalars['String']['input'];
  /** Where status alerts are e-mailed; defaults to the e-mail in your token. */
  alertEmail?: InputMaybe<Scalars['String']['input']>;
  /** The app secret of the token's Meta app (App Dashboard → Settings → Basic): webhook signatures are keyed with it. */
  appSecret: Scalars['String']['input'];
  /** The WhatsApp Business Account id. */
  businessAccountId: Scalars['String']['input'];
  /** Meta's phone number id (not the phone number). */
  phoneNumberId: Scalars['String']['input'];
};

/** A customer's WhatsApp thread with one phone number. */
export type WhatsAppConversation = {
  __typename?: 'WhatsAppConversation';
  /** The host's agent with this agentId; its fields come from the host. Null without an agent. */
  agent?: Maybe<Agent>;
  /** The agent that talks to the customer; null when none does. */
  agentId?: Maybe<Scalars['ID']['output']>;
  /** The agent stays silent here until then, because the owner wrote from the WhatsApp Business app on the same number; null when not paused. */
  agentPausedUntil?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the customer first wrote (or was first written to). */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The customer's WhatsApp profile name, when Meta sent it. */
  customerName?: Maybe<Scalars['String']['output']>;
  /** The customer's WhatsApp id (digits, or a business-scoped user id). */
  customerWaId: Scalars['String']['output'];
  /** The conversation's id. */
  id: Scalars['ID']['output'];
  /** Opens the 24-hour customer-service window. */
  lastInboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the last message to the customer was sent. */
  lastOutboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Meta's id of the business phone number. */
  phoneNumberId: Scalars['String']['output'];
  /** The host's user with this userId; its fields come from the host. */
  user?: Maybe<User>;
  /** The host's id of the number's owner. */
  userId: Scalars['ID']['output'];
  /** When the 24-hour window closes (or closed); null before the customer writes. */
  windowClosesAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Free-form messages can be sent now: the customer wrote within the last 24 hours. */
  windowOpen: Scalars['Boolean']['output'];
};

/** A WhatsApp Business phone number connected with its owner's own Meta credentials. */
export type WhatsAppCredential = {
  __typename?: 'WhatsAppCredential';
  /** The last four characters of the access token, to tell tokens apart. */
  accessTokenHint: Scalars['String']['output'];
  /** Where status alerts are e-mailed; null: no e-mails. */
  alertEmail?: Maybe<Scalars['String']['output']>;
  /** WhatsApp Business Account (WABA) id. */
  businessAccountId: Scalars['String']['output'];
  /** When calls to Meta were last paused for this credential. */
  circuitOpenedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** OPEN while Meta keeps failing for this number: sends are paused, not attempted. */
  circuitState: WhatsAppCircuitState;
  /** When the credential was connected. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The verified business name shown to customers. */
  displayName: Scalars['String']['output'];
  /** When the credential was last checked with Meta in the background. */
  healthCheckedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The credential's id. */
  id: Scalars['ID']['output'];
  /** When Meta last accepted the credential. */
  lastValidatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Messages older than this many days are deleted; null keeps every message. */
  messageRetentionDays?: Maybe<Scalars['Int']['output']>;
  /** The messaging limit of the number's business portfolio (TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED): customers reached outside a service window per 24 hours. */
  messagingLimit?: Maybe<Scalars['String']['output']>;
  /** The number as Meta formats it, e.g. +1 555-078-3881. */
  phoneNumber: Scalars['String']['output'];
  /** Meta's id of the phone number; unique across all users. */
  phoneNumberId: Scalars['String']['output'];
  /** The platform's shared credential (admins only see it), not a user's own. */
  platform: Scalars['Boolean']['output'];
  /** Meta flagged the number for low quality: improve it or its messaging limit may be lowered. Sending still works. */
  qualityFlagged: Scalars['Boolean']['output'];
  /** Meta quality rating: GREEN, YELLOW, RED or UNKNOWN. */
  qualityRating?: Maybe<Scalars['String']['output']>;
  /** Whether the credential can be used. */
  status: WhatsAppCredentialStatus;
  /** When the status or its reason last changed. */
  statusChangedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** A human-readable explanation of the status. */
  statusMessage?: Maybe<Scalars['String']['output']>;
  /** Why it has that status; NONE when active and healthy. */
  statusReason: WhatsAppCredentialStatusReason;
  /** Meta's throughput level of the number, e.g. STANDARD or HIGH. */
  throughputLevel?: Maybe<Scalars['String']['output']>;
  /** When the access token expires; null when it never does. */
  tokenExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Permissions the token carries. */
  tokenScopes: Array<Scalars['String']['output']>;
  /** When the credential last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** The host's user with this userId; its fields come from the host. */
  user?: Maybe<User>;
  /** The host's id of the credential's owner. */
  userId: Scalars['ID']['output'];
  /** What the dashboard should show the owner, or null when all is well (expiring, invalid, suspended, unreachable...). */
  warning?: Maybe<Scalars['String']['output']>;
  /** Where WhatsApp sends this number's webhooks, and whether Meta is configured to (never the verify token). */
  webhook?: Maybe<WhatsAppWebhookEndpoint>;
};

/** A passphrase-encrypted export (compact JWE, PBES2-HS512+A256KW / A256GCM). */
export type WhatsAppCredentialBundle = {
  __typename?: 'WhatsAppCredentialBundle';
  /** Keep it like a password file: with the passphrase it opens every secret inside. */
  bundle: Scalars['String']['output'];
  /** How many credentials the bundle holds. */
  credentialCount: Scalars['Int']['output'];
};

/** The result of one check of a credential with Meta. */
export type WhatsAppCredentialCheck = {
  __typename?: 'WhatsAppCredentialCheck';
  /** The input field to fix (accessToken, appSecret, businessAccountId or phoneNumberId). */
  field?: Maybe<Scalars['String']['output']>;
  /** What is wrong and what to do, for the user; null when it passed or was skipped. */
  message?: Maybe<Scalars['String']['output']>;
  /** Which check. */
  name: WhatsAppCredentialCheckName;
  /** How it ended. */
  outcome: WhatsAppCredentialCheckOutcome;
  /** The cause of a failure or warning; null when it passed or was skipped. */
  reason?: Maybe<WhatsAppCredentialStatusReason>;
};

/** One of the checks connecting a credential makes, in the order they run. */
export type WhatsAppCredentialCheckName =
  /** Meta accepts the token with this app secret; it has not expired and has both WhatsApp permissions on the business account. */
  | 'ACCESS_TOKEN'
  /** The phone number belongs to the WhatsApp Business Account. */
  | 'BUSINESS_ACCOUNT'
  /** The phone number is not connected already (by anyone). */
  | 'NOT_YET_CONNECTED'
  /** Meta lets the number send messages (a restriction is a warning: the credential can still be connected). */
  | 'NUMBER_HEALTH'
  /** Meta knows the phone number id and the token may read it. */
  | 'PHONE_NUMBER';

/** How one check ended. */
export type WhatsAppCredentialCheckOutcome =
  /** Connecting would be refused for this; the message says what to fix and field where. */
  | 'FAILED'
  /** Nothing to fix. */
  | 'PASSED'
  /** Not run, because a check it depends on failed. */
  | 'SKIPPED'
  /** Passed, with something the owner should know (see message). */
  | 'WARNING';

/** One page of credentials, newest first. */
export type WhatsAppCredentialConnection = {
  __typename?: 'WhatsAppCredentialConnection';
  /** The credentials of this page. */
  nodes: Array<WhatsAppCredential>;
  /** Where the page ends and whether there are older credentials. */
  pageInfo: WhatsAppPageInfo;
};

/** A credential's status changed, or its number got a quality warning (a real-time alert). */
export type WhatsAppCredentialHealthEvent = {
  __typename?: 'WhatsAppCredentialHealthEvent';
  /** The credential as it is now; null once deleted. */
  credential?: Maybe<WhatsAppCredential>;
  /** The credential whose status changed. */
  credentialId: Scalars['ID']['output'];
  /** When the change happened. */
  occurredAt: Scalars['DateTimeISO']['output'];
  /** The status before the change. */
  previousStatus: WhatsAppCredentialStatus;
  /** Why the status changed. */
  reason: WhatsAppCredentialStatusReason;
  /** The status now. */
  status: WhatsAppCredentialStatus;
  /** Set when the event is a quality warning (status unchanged, or changed at the same time); the number keeps sending. */
  warning?: Maybe<WhatsAppQualityWarning>;
  /** The quality warning in words; null for a plain status change. */
  warningMessage?: Maybe<Scalars['String']['output']>;
};

/** What happened to one credential of an imported bundle. */
export type WhatsAppCredentialImportResult = {
  __typename?: 'WhatsAppCredentialImportResult';
  /** The imported credential; null when it was not imported. */
  credential?: Maybe<WhatsAppCredential>;
  /** Why this credential was not imported, as in `extensions.code` of an error (CONFLICT, CREDENTIAL_REJECTED, ...). */
  errorCode?: Maybe<WhatsAppErrorCode>;
  /** Why it was not imported, in words. */
  errorMessage?: Maybe<Scalars['String']['output']>;
  /** Meta's phone number id of the credential in the bundle. */
  phoneNumberId: Scalars['String']['output'];
  /** What to know about the imported credential. */
  warnings: Array<WhatsAppCredentialWarning>;
};

/** A connected or updated credential, with what the owner should know about it. */
export type WhatsAppCredentialPayload = {
  __typename?: 'WhatsAppCredentialPayload';
  /** The credential as stored. */
  credential: WhatsAppCredential;
  /** The webhook fields the plugin subscribes the credential's app to while it configures the webhook in the background (Meta chooses fields per app, not per number); the webhook's subscribedFields and fieldsNote say what Meta confirmed. */
  subscribedWebhookFields: Array<Scalars['String']['output']>;
  /** Things to act on (an expiring token, a restricted number, ...); empty when none. */
  warnings: Array<WhatsAppCredentialWarning>;
};

/** USER: the agent answers on one of its owner's own numbers. PLATFORM: on the platform's shared number. */
export type WhatsAppCredentialSource =
  /** The platform's shared phone number. */
  | 'PLATFORM'
  /** The owner's own phone numbers. */
  | 'USER';

/** Health of a WhatsApp credential. */
export type WhatsAppCredentialStatus =
  /** Usable: Meta accepts it. */
  | 'ACTIVE'
  /** The access token expired: enter a new one. */
  | 'EXPIRED'
  /** Meta refuses it (see the reason): enter new secrets or fix the setup at Meta. */
  | 'INVALID'
  /** Out of service: restricted by Meta or suspended by an administrator. */
  | 'SUSPENDED';

/** The cause behind a credential status; NONE when active and healthy. */
export type WhatsAppCredentialStatusReason =
  /** Meta restricted the WhatsApp Business Account. */
  | 'ACCOUNT_RESTRICTED'
  /** The app secret does not belong to the token's Meta app. */
  | 'APP_SECRET_INVALID'
  /** Meta could not be reached at the last check; the status is unchanged and the check is retried. */
  | 'META_UNREACHABLE'
  /** Nothing wrong. */
  | 'NONE'
  /** The token lacks whatsapp_business_messaging or whatsapp_business_management. */
  | 'PERMISSION_MISSING'
  /** The phone number id does not exist or is not a number of the business account. */
  | 'PHONE_NUMBER_NOT_FOUND'
  /** Meta restricted the phone number. */
  | 'PHONE_NUMBER_RESTRICTED'
  /** A stored secret failed its integrity check; enter the secrets again. */
  | 'SECRETS_UNREADABLE'
  /** An administrator suspended the credential. */
  | 'SUSPENDED_BY_ADMIN'
  /** The access token expired. */
  | 'TOKEN_EXPIRED'
  /** Still active, but the access token expires soon. */
  | 'TOKEN_EXPIRING'
  /** Meta does not accept the access token (revoked or wrong). */
  | 'TOKEN_INVALID'
  /** The token has no access to the WhatsApp Business Account. */
  | 'WRONG_BUSINESS_ACCOUNT';

/** What connecting a credential would find, checked with Meta; nothing was stored. */
export type WhatsAppCredentialValidation = {
  __typename?: 'WhatsAppCredentialValidation';
  /** Every check, in the order they run. */
  checks: Array<WhatsAppCredentialCheck>;
  /** The business name verified by Meta; null when Meta did not tell it. */
  displayName?: Maybe<Scalars['String']['output']>;
  /** The phone number as Meta displays it; null when Meta did not tell it. */
  phoneNumber?: Maybe<Scalars['String']['output']>;
  /** When the access token expires; null for a token that does not expire, or when unknown. */
  tokenExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** connectWhatsAppCredential would accept the credential now: no check failed. */
  valid: Scalars['Boolean']['output'];
  /** What connecting would warn about (an expiring token, a restricted number, low quality); empty unless valid. */
  warnings: Array<WhatsAppCredentialWarning>;
};

/** Something the user should know about an accepted credential. */
export type WhatsAppCredentialWarning = {
  __typename?: 'WhatsAppCredentialWarning';
  /** TOKEN_EXPIRES, TOKEN_EXPIRES_SOON, PHONE_NUMBER_RESTRICTED, ACCOUNT_RESTRICTED, QUALITY_LOW. */
  code: Scalars['String']['output'];
  /** The warning in words, for the user. */
  message: Scalars['String']['output'];
};

/** An interactive message with one button that opens a link (call to action). */
export type WhatsAppCtaUrlInput = {
  /** At most 1,024 characters. */
  body: Scalars['String']['input'];
  /** The button's label, at most 20 characters. */
  displayText: Scalars['String']['input'];
  /** At most 60 characters. */
  footer?: InputMaybe<Scalars['String']['input']>;
  /** A text header, at most 60 characters. */
  header?: InputMaybe<Scalars['String']['input']>;
  /** The http(s) URL the button opens. */
  url: Scalars['String']['input'];
};

/** An amount of money for a CURRENCY template parameter. */
export type WhatsAppCurrencyInput = {
  /** The amount times 1,000. */
  amount1000: Scalars['Int']['input'];
  /** ISO 4217 code, e.g. EUR. */
  code: Scalars['String']['input'];
  /** The amount as text, shown where the currency cannot be rendered. */
  fallbackValue: Scalars['String']['input'];
};

/** What a dead-lettered item of an inbound delivery is. */
export type WhatsAppDeadLetterKind =
  /** A change, or a whole delivery, that could not be taken apart into messages and statuses. */
  | 'CHANGE'
  /** One inbound message. */
  | 'MESSAGE'
  /** One delivery status of an outbound message. */
  | 'STATUS';

/** What disconnecting a credential removed. */
export type WhatsAppDeleteCredentialPayload = {
  __typename?: 'WhatsAppDeleteCredentialPayload';
  /** The id of the removed credential. */
  deletedCredentialId: Scalars['ID']['output'];
};

/** Puts an agent on a WhatsApp number, with its first settings. */
export type WhatsAppEnableAgentInput = {
  /** The host's agent id. The host only shows users their own agents; the caller becomes the owner. */
  agentId: Scalars['ID']['input'];
  /** Answer customers through the agent runtime (and send welcome/fallback messages). */
  autoReply?: Scalars['Boolean']['input'];
  /** When the agent answers; omit it to answer at any time. */
  businessHours?: InputMaybe<WhatsAppBusinessHoursInput>;
  /** One of your credentials: the agent answers on its phone number. Omit it to use the platform's shared number (while your agents use the platform's credentials). */
  credentialId?: InputMaybe<Scalars['ID']['input']>;
  /** Sent outside business hours, once per closed period; at most 4,096 characters. */
  fallbackMessage?: InputMaybe<Scalars['String']['input']>;
  /** Mark each customer message read as soon as the agent runtime is asked about it. */
  markRead?: Scalars['Boolean']['input'];
  /** Opt-in keywords instead of START, with the same limits. Omit for the default. */
  optInKeywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Opt-out keywords for customers of this agent's own number, instead of STOP and UNSUBSCRIBE: 1 to 10, each 1 to 32 characters, matched as the whole message in any case. Omit for the defaults. */
  optOutKeywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Minutes the agent stays silent in a conversation after its owner writes from the WhatsApp Business app (0 to 10,080; 0 never pauses). */
  ownerReplyPauseMinutes?: Scalars['Int']['input'];
  /** Show "typing…" to the customer while the agent runtime works (also marks the message read). */
  typingIndicator?: Scalars['Boolean']['input'];
  /** Sent on a customer's first message; at most 4,096 characters. */
  welcomeMessage?: InputMaybe<Scalars['String']['input']>;
};

/** Every `extensions.code` an error from the WhatsApp subgraph can carry. Branch on the code, never on the message; a code is never renamed or reused. */
export type WhatsAppErrorCode =
  /** The HTTP request is malformed: the body is not JSON, the query is missing, or the method or content type is wrong (Apollo's own code). Fix the client's request. */
  | 'BAD_REQUEST'
  /** An argument or input field failed validation; `extensions.field` names it when there is one. Show the message next to that field and resend once the input is fixed. */
  | 'BAD_USER_INPUT'
  /** The request conflicts with the current state: a phone number already connected, an agent already enabled, an idempotency key reused for a different message, a run already in progress. Reload the state the message names, resolve it, then retry. */
  | 'CONFLICT'
  /** Meta rejected the WhatsApp credential: invalid or expired token, missing permission, wrong business account, app secret not matching, unknown phone number id. `extensions.reason` names the cause and `extensions.field` the input. Fix the credential at Meta, then connect or update it again. */
  | 'CREDENTIAL_REJECTED'
  /** The credential exists but cannot be used now: invalid, expired, suspended, its secrets unreadable, or calls paused while Meta keeps failing for the number (`extensions.reason` says which). Retry after `extensions.retryAfterSeconds` when calls are paused; otherwise the owner revalidates or updates the credential, or an administrator reinstates it. */
  | 'CREDENTIAL_UNAVAILABLE'
  /** A dependency (Meta's Graph API, the key service, the database) was unreachable; the operation changed nothing. Retry with backoff. With `extensions.reason` OUTCOME_UNKNOWN a message may have been delivered: check the history before sending again with a new idempotency key. */
  | 'DEPENDENCY_UNAVAILABLE'
  /** Authenticated, but the caller's role does not allow the operation (an administrator-only field, erasure by anyone but the host, introspection from outside the gateway). Do not retry; hide the action from this user. */
  | 'FORBIDDEN'
  /** The document is not valid GraphQL (Apollo's own code). A client bug: fix the operation; retrying fails the same way. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The operation does not validate against the schema, such as an unknown field or a wrong argument type (Apollo's own code). Regenerate the client's operations against the current schema. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** Anything unexpected; the details are logged with the request id, never returned. Retry once later; if it persists, report the time and the `x-request-id` response header to the operator. */
  | 'INTERNAL_SERVER_ERROR'
  /** A media file is larger than WhatsApp accepts for its kind (5 MB images, 16 MB audio and video, 100 MB documents, 500 KB stickers) or than MEDIA_MAX_BYTES; nothing was uploaded or sent. `extensions.maxBytes` is the limit. Compress or split the file, or send it as a document. */
  | 'MEDIA_TOO_LARGE'
  /** A media file's MIME type is not one WhatsApp accepts for its kind (WebP only as a sticker, say); nothing was uploaded or sent. `extensions.allowed` lists the accepted types. Convert the file or choose the kind that takes its type. */
  | 'MEDIA_TYPE_UNSUPPORTED'
  /** The object does not exist or belongs to someone else; the two are never told apart. Refresh the list the id came from; retrying the same id fails again. */
  | 'NOT_FOUND'
  /** The operation name matches no operation in the document, or the document holds several and none was named (Apollo's own code). Send the right `operationName`. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** A persisted query hash came without the query, and this subgraph keeps no persisted queries (Apollo's own code). Send the full query text. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The platform's shared WhatsApp number is deprecated or retired and takes no new use. Connect your own WhatsApp credentials and move your agents to them with the migration wizard. */
  | 'PLATFORM_CREDENTIALS_DEPRECATED'
  /** The operation is too deep or too costly, or asks for too many entities, aliases, directives or tokens. Split it into smaller operations; the same operation always fails. */
  | 'QUERY_TOO_COMPLEX'
  /** Too many requests for this user or number, by our limits or by WhatsApp's throttling; nothing was done. Wait `extensions.retryAfterSeconds`, then retry. */
  | 'RATE_LIMITED'
  /** The customer opted out of messages from this number (wrote STOP, Meta refused with 131050, or the owner added them); nothing was sent. `extensions.reason` is 131050 when Meta reported it. Do not retry: the customer must opt in again (write START) or the owner must remove the entry. */
  | 'RECIPIENT_OPTED_OUT'
  /** A subscription's reader fell too far behind its events, so the subscription was ended. Subscribe again, then read what was missed from the message history. */
  | 'SUBSCRIPTION_OVERFLOW'
  /** The template is not APPROVED in that language, or the number's synced templates have no template of that name and language; nothing was sent. `extensions.reason` is the template's status (or NOT_FOUND). Check `whatsAppTemplates`, run `syncWhatsAppTemplates` if it was approved moments ago, or send another template. */
  | 'TEMPLATE_NOT_APPROVED'
  /** The parameters of a template send do not match the template: wrong count in a component, named parameters for a positional template (or the reverse), a header of the wrong format, or a missing or unexpected button parameter. Nothing was sent. `extensions.field` names the component. Rebuild the parameters from `whatsAppTemplates`. */
  | 'TEMPLATE_PARAMETERS_INVALID'
  /** No bearer token, or one that failed verification (expired, wrong issuer or audience, bad signature); also a subscription opened without one. Get a fresh token from the host and retry; the same token fails again. */
  | 'UNAUTHENTICATED'
  /** WhatsApp refused the operation for a reason the caller can act on (customer service window closed, template paused or not approved, recipient unable to receive); `extensions.reason` carries Meta's error code. Do not resend unchanged: for a closed window, send an approved template instead. */
  | 'WHATSAPP_REJECTED';

/** Failures of one kind on one of my phone numbers since the previous alert of that kind. At most one alert per number and kind is sent per FAILURE_ALERT_WINDOW_SECONDS; the failures in between are counted into the next one. */
export type WhatsAppFailureAlert = {
  __typename?: 'WhatsAppFailureAlert';
  /** How many failures this alert stands for: every one since the previous alert of this kind for this number. */
  count: Scalars['Int']['output'];
  /** The credential as it is now; null once deleted. */
  credential?: Maybe<WhatsAppCredential>;
  /** The credential (phone number) the failures happened on. */
  credentialId: Scalars['ID']['output'];
  /** An example error code: WhatsApp's code for a failed message (e.g. 131047), or why an inbound item was dead-lettered; null when the kind has none. */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** When the first of these failures happened. */
  firstSeenAt: Scalars['DateTimeISO']['output'];
  /** What failed. */
  kind: WhatsAppFailureAlertKind;
  /** When the latest of these failures happened. */
  lastSeenAt: Scalars['DateTimeISO']['output'];
  /** The example failure in words, for the owner; null when the kind has none. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** The kind of failure a failure alert counts. */
export type WhatsAppFailureAlertKind =
  /** WhatsApp answered again after a pause: calls for the number flow again. */
  | 'CIRCUIT_CLOSED'
  /** WhatsApp kept failing for the number, so calls to it are paused for a moment. */
  | 'CIRCUIT_OPENED'
  /** Inbound items could not be stored and wait in the dead-letter list (whatsAppDeadLetters) to be applied again. */
  | 'DEAD_LETTER'
  /** WhatsApp reported messages from the number as failed; the error code and reason say why. */
  | 'MESSAGE_FAILED'
  /** Customers wrote to the number while no agent was enabled on it: nobody answered them. */
  | 'UNROUTED_MESSAGE';

/** Whether one of my phone numbers sends me a daily e-mail summing up its failure alerts. */
export type WhatsAppFailureDigestSetting = {
  __typename?: 'WhatsAppFailureDigestSetting';
  /** The credential (phone number) the setting belongs to. */
  credentialId: Scalars['ID']['output'];
  /** True: a daily e-mail to the credential's alert address sums up the failures of the past day (none is sent for a day without failures). */
  dailyDigest: Scalars['Boolean']['output'];
  /** When the setting last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** An inbound message or status that could not be stored, kept with its reason. */
export type WhatsAppInboundDeadLetter = {
  __typename?: 'WhatsAppInboundDeadLetter';
  /** How many times storing it was tried. */
  attempts: Scalars['Int']['output'];
  /** When it was set aside. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The credential whose number received it. */
  credentialId?: Maybe<Scalars['ID']['output']>;
  /** The database's SQLSTATE or the error class, when one caused it. */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** The dead letter's id. */
  id: Scalars['ID']['output'];
  /** A message, a status, or a part that could not be taken apart. */
  kind: WhatsAppDeadLetterKind;
  /** Why it could not be applied, e.g. `malformed_message` or `database_refused`. */
  reason: Scalars['String']['output'];
  /** When a retry applied it; null while it waits. */
  resolvedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When it was last handed back to processing; null if never. */
  retriedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The host's user with this userId; its fields come from the host. */
  user?: Maybe<User>;
  /** The host's id of the number's owner. */
  userId: Scalars['ID']['output'];
  /** The WhatsApp message id, when the item has one. */
  wamid?: Maybe<Scalars['String']['output']>;
};

/** Progress of the rewrap that follows a key rotation. */
export type WhatsAppKeyRewrapState =
  /** Every secret is on the new version; older versions no longer decrypt. */
  | 'COMPLETE'
  /** The rewrap gave up; older versions still decrypt, so nothing became unreadable. Rotate again to retry. */
  | 'FAILED'
  /** The key was never rotated. */
  | 'NONE'
  /** Rotated; stored secrets are being moved to the new version (all stay readable). */
  | 'PENDING';

/** A run rotating every user's encryption key, with its progress. */
export type WhatsAppKeyRotationRun = {
  __typename?: 'WhatsAppKeyRotationRun';
  /** Users whose key was rotated, whose secrets were rewrapped and whose old versions were retired. */
  done: Scalars['Int']['output'];
  /** Users that could not be rotated or rewrapped (their secrets stay readable). */
  failed: Scalars['Int']['output'];
  /** When the run ended; null while it runs. */
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The run's id. */
  id: Scalars['ID']['output'];
  /** The last failure: an error class and our message, never a secret. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When the run started. */
  startedAt: Scalars['DateTimeISO']['output'];
  /** The administrator who started the run. */
  startedBy?: Maybe<Scalars['ID']['output']>;
  /** Whether the run is going on, finished or gave up. */
  state: WhatsAppKeyRotationRunState;
  /** Users with stored secrets: counted at the start, exact once every user was visited. */
  total: Scalars['Int']['output'];
};

/** Where a rotate-all run stands. */
export type WhatsAppKeyRotationRunState =
  /** Every user was visited and every rewrap ended; `failed` counts the users that did not make it. */
  | 'COMPLETED'
  /** The run gave up (the key service stayed unavailable); users already done stay done. */
  | 'FAILED'
  /** In progress; it resumes after a restart. */
  | 'RUNNING';

/** An interactive list: 1 to 10 sections, 10 rows in total. */
export type WhatsAppListInput = {
  /** At most 1,024 characters. */
  body: Scalars['String']['input'];
  /** The label of the button that opens the list, at most 20 characters. */
  buttonText: Scalars['String']['input'];
  /** At most 60 characters. */
  footer?: InputMaybe<Scalars['String']['input']>;
  /** A text header, at most 60 characters. */
  header?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 10 sections, with 10 rows in total. */
  sections: Array<WhatsAppListSectionInput>;
};

/** One choice of an interactive list. */
export type WhatsAppListRowInput = {
  /** At most 72 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Unique across the list, at most 200 characters. */
  id: Scalars['String']['input'];
  /** At most 24 characters. */
  title: Scalars['String']['input'];
};

/** A titled group of rows of an interactive list. */
export type WhatsAppListSectionInput = {
  /** The section's rows. */
  rows: Array<WhatsAppListRowInput>;
  /** At most 24 characters; required when the list has several sections. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A location pin. */
export type WhatsAppLocationInput = {
  /** The place's address; this plugin keeps it to 1,024 characters. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Latitude in decimal degrees, -90 to 90. */
  latitude: Scalars['Float']['input'];
  /** Longitude in decimal degrees, -180 to 180. */
  longitude: Scalars['Float']['input'];
  /** The place's name; this plugin keeps it to 1,024 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A file to send: by link (Meta fetches it; https recommended) or by the mediaId of an upload (createWhatsAppMediaUpload). Give exactly one of the two. */
export type WhatsAppMediaInput = {
  /** Image, video and document only (not audio or sticker); at most 1,024 characters. */
  caption?: InputMaybe<Scalars['String']['input']>;
  /** Document only; the file name shown to the customer. */
  filename?: InputMaybe<Scalars['String']['input']>;
  /** An http(s) URL Meta downloads the file from when sending. */
  link?: InputMaybe<Scalars['String']['input']>;
  /** The mediaId an upload through createWhatsAppMediaUpload returned, from the same phone number; reusable for 30 days. */
  mediaId?: InputMaybe<Scalars['String']['input']>;
};

/** The kind of message a file is sent as; each has its own MIME types and size limit (docs/media.md). */
export type WhatsAppMediaKind =
  /** AAC, AMR, MP3, MP4 audio or OGG (Opus), at most 16 MB. */
  | 'AUDIO'
  /** PDF, plain text, Word, Excel or PowerPoint, at most 100 MB. */
  | 'DOCUMENT'
  /** JPEG or PNG, at most 5 MB. */
  | 'IMAGE'
  /** MP4 or 3GPP, at most 16 MB. */
  | 'VIDEO';

/** Where to upload one file: PUT its bytes to uploadUrl before expiresAt; the answer is JSON with its mediaId. */
export type WhatsAppMediaUpload = {
  __typename?: 'WhatsAppMediaUpload';
  /** The upload URL is refused after this time. */
  expiresAt: Scalars['DateTimeISO']['output'];
  /** The largest file of this kind that is accepted, in bytes. */
  maxBytes: Scalars['Int']['output'];
  /** PUT the file's bytes here (no token needed: the URL is the permission). The JSON answer has mediaId, to send the file with. */
  uploadUrl: Scalars['String']['output'];
};

/** A file about to be uploaded, described so it can be checked against WhatsApp's limits first. */
export type WhatsAppMediaUploadInput = {
  /** Upload for this agent's phone number. Give this or credentialId. */
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** Upload for this credential's phone number. Give this or agentId. */
  credentialId?: InputMaybe<Scalars['ID']['input']>;
  /** The file name (documents show it to the customer unless the message gives another). */
  fileName?: InputMaybe<Scalars['String']['input']>;
  /** The kind of message the file will be sent as. */
  kind: WhatsAppMediaKind;
  /** The file's MIME type, e.g. image/jpeg; the upload is sent to WhatsApp with this type. */
  mimeType: Scalars['String']['input'];
  /** The file's exact size in bytes; the upload must have exactly this many. */
  sizeBytes: Scalars['Int']['input'];
};

/** A WhatsApp message in the history. */
export type WhatsAppMessage = {
  __typename?: 'WhatsAppMessage';
  /** The host's agent with this agentId; its fields come from the host. Null without an agent. */
  agent?: Maybe<Agent>;
  /** The agent that received or sent it; null for a message sent from a credential directly. */
  agentId?: Maybe<Scalars['ID']['output']>;
  /** The message content as WhatsApp describes it for its type (e.g. `{ body }` for text). */
  content: Scalars['JSONObject']['output'];
  /** The conversation (customer thread) it belongs to. */
  conversationId: Scalars['ID']['output'];
  /** When the plugin stored it. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The credential (phone number) it went through. */
  credentialId: Scalars['ID']['output'];
  /** Received from the customer, or sent to them. */
  direction: WhatsAppMessageDirection;
  /** When the customer last edited the message; null when never. */
  editedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Earlier versions of a message the customer edited, oldest first (content holds the latest); empty when never edited or once revoked. */
  edits: Array<WhatsAppMessageEdit>;
  /** Meta's numeric error code when sending failed. */
  errorCode?: Maybe<Scalars['Int']['output']>;
  /** Meta's error title when sending failed. */
  errorTitle?: Maybe<Scalars['String']['output']>;
  /** The sender's phone number or WhatsApp id. */
  fromPhone: Scalars['String']['output'];
  /** Our id of the message. */
  id: Scalars['ID']['output'];
  /** For an image, audio (voice notes too), video, document or sticker message: a link that downloads the file through this plugin, without any WhatsApp token, until mediaUrlExpiresAt (15 minutes by default). Anyone holding the link can use it until then: do not share it further. Range requests are supported. Null for messages without a file. */
  mediaUrl?: Maybe<Scalars['String']['output']>;
  /** When mediaUrl stops working; read the message again for a fresh link. Null when there is no file. */
  mediaUrlExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** text, image, template, interactive, … or the unknown type exactly as Meta named it. */
  messageType: Scalars['String']['output'];
  /** BUSINESS_APP for a message the number's owner sent from the WhatsApp Business app on the same number (a person, not the plugin); null otherwise. */
  origin?: Maybe<Scalars['String']['output']>;
  /** The WhatsApp id of the message this one quotes or reacts to. */
  replyToMessageId?: Maybe<Scalars['String']['output']>;
  /** When the customer deleted the message for everyone; its content and earlier versions are then cleared. Null when not revoked. */
  revokedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The latest delivery status; RECEIVED for inbound messages. */
  status: WhatsAppMessageStatus;
  /** When the status last changed. */
  statusAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When WhatsApp says the message was sent or received. */
  timestamp: Scalars['DateTimeISO']['output'];
  /** The recipient's phone number or WhatsApp id. */
  toPhone: Scalars['String']['output'];
  /** The host's user with this userId; its fields come from the host. */
  user?: Maybe<User>;
  /** The host's id of the number's owner. */
  userId: Scalars['ID']['output'];
  /** WhatsApp's own id of the message (the wamid); null only while an outbound message waits for Meta's answer. */
  whatsAppMessageId?: Maybe<Scalars['String']['output']>;
  /**
   * Old name of whatsAppMessageId.
   * @deprecated Use whatsAppMessageId.
   */
  whatsappMessageId?: Maybe<Scalars['String']['output']>;
};

/** Whether a message came from the customer or went to them. */
export type WhatsAppMessageDirection =
  /** Sent by the customer to the business number. */
  | 'INBOUND'
  /** Sent by the business number to the customer. */
  | 'OUTBOUND';

/** An earlier version of a message the customer edited. */
export type WhatsAppMessageEdit = {
  __typename?: 'WhatsAppMessageEdit';
  /** WhatsApp's id of the edit that replaced this version. */
  editWhatsAppMessageId: Scalars['String']['output'];
  /** When the customer made the edit that replaced this version. */
  editedAt: Scalars['DateTimeISO']['output'];
  /** The message content of this version, as it was stored. */
  previousContent: Scalars['JSONObject']['output'];
  /** The message type of this version (text, or the media type whose caption changed). */
  previousType: Scalars['String']['output'];
};

/** Messages, newest first. */
export type WhatsAppMessagePage = {
  __typename?: 'WhatsAppMessagePage';
  /** The messages of this page, newest first. */
  nodes: Array<WhatsAppMessage>;
  /** Where the page ends and whether there are older messages. */
  pageInfo: WhatsAppPageInfo;
};

/** Where a message is in its delivery; a status only advances, FAILED is final. */
export type WhatsAppMessageStatus =
  /** Delivered to the customer's phone. */
  | 'DELIVERED'
  /** Meta could not deliver it (see errorCode and errorTitle). */
  | 'FAILED'
  /** Being sent: Meta has not answered yet. */
  | 'PENDING'
  /** The customer played the voice message. */
  | 'PLAYED'
  /** The customer read it. */
  | 'READ'
  /** An inbound message, received from the customer. */
  | 'RECEIVED'
  /** Accepted by Meta for delivery. */
  | 'SENT';

/** Your move from the platform's WhatsApp credentials to your own. */
export type WhatsAppMigration = {
  __typename?: 'WhatsAppMigration';
  /** A rollback to the platform's credentials is possible now. */
  canRollBack: Scalars['Boolean']['output'];
  /** When the latest run moved the agents; null if it did not. */
  completedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Until when a completed migration can be rolled back. */
  rollbackDeadline?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When it was rolled back; null if it was not. */
  rolledBackAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** How many times the user ran the migration. */
  runs: Scalars['Int']['output'];
  /** When the latest run started. */
  startedAt: Scalars['DateTimeISO']['output'];
  /** How the latest run ended. */
  state: WhatsAppMigrationState;
  /** The steps of the latest run, in order. */
  steps: Array<WhatsAppMigrationStep>;
  /** The host's user with this userId; its fields come from the host. */
  user?: Maybe<User>;
  /** The host's id of the user who migrates. */
  userId: Scalars['ID']['output'];
};

/** One of your agents and the number it would move to. */
export type WhatsAppMigrationAgent = {
  __typename?: 'WhatsAppMigrationAgent';
  /** The host's id of the agent. */
  agentId: Scalars['ID']['output'];
  /** Your credential the agent moves to; null when you have none left for it. */
  credentialId?: Maybe<Scalars['ID']['output']>;
  /** That credential's status; null without one. */
  credentialStatus?: Maybe<WhatsAppCredentialStatus>;
  /** The phone number the agent would move to; null without one. */
  phoneNumber?: Maybe<Scalars['String']['output']>;
};

/** One agent and the number it moves to. */
export type WhatsAppMigrationAgentInput = {
  /** The host's id of one of your agents. */
  agentId: Scalars['ID']['input'];
  /** One of your credentials: the agent moves to its number. */
  credentialId: Scalars['ID']['input'];
};

/** What a migration to your own WhatsApp credentials would do, before doing it. */
export type WhatsAppMigrationPreview = {
  __typename?: 'WhatsAppMigrationPreview';
  /** Your agents and the number each would move to. */
  agents: Array<WhatsAppMigrationAgent>;
  /** Your latest run, if any. */
  migration?: Maybe<WhatsAppMigration>;
  /** A run would succeed as far as the plugin can tell (Meta is asked again when it runs). */
  ready: Scalars['Boolean']['output'];
  /** What you must do first, in words; empty when ready. */
  requirements: Array<Scalars['String']['output']>;
  /** Hours after a run during which you can roll back. */
  rollbackWindowHours: Scalars['Int']['output'];
  /** The credentials your agents use now. */
  source: WhatsAppCredentialSource;
};

/** How a user's latest migration run ended. */
export type WhatsAppMigrationState =
  /** The agents use your own numbers; a rollback is possible until `rollbackDeadline`. */
  | 'COMPLETED'
  /** The run stopped at a step and moved nothing; fix what `steps` says and run again. */
  | 'FAILED'
  /** Back on the platform's credentials. */
  | 'ROLLED_BACK';

/** One step of a migration run, for one agent or credential. */
export type WhatsAppMigrationStep = {
  __typename?: 'WhatsAppMigrationStep';
  /** The agent the step was about; null for a credential step. */
  agentId?: Maybe<Scalars['ID']['output']>;
  /** The error code of a failed step, as in `extensions.code` of an error. */
  code?: Maybe<WhatsAppErrorCode>;
  /** The credential the step was about. */
  credentialId?: Maybe<Scalars['ID']['output']>;
  /** What went wrong and what to do; never a secret. */
  message?: Maybe<Scalars['String']['output']>;
  /** Whether the step succeeded, failed or was not needed. */
  outcome: WhatsAppMigrationStepOutcome;
  /** validate_credential, configure_webhook or move_agents. */
  step: Scalars['String']['output'];
};

/** How one step of a migration run ended. */
export type WhatsAppMigrationStepOutcome =
  /** It failed; see the step's message and code. */
  | 'FAILED'
  /** It succeeded. */
  | 'OK'
  /** It was not needed, or an earlier step failed. */
  | 'SKIPPED';

/** Where a page ends, for keyset pagination: pass `endCursor` as `after`. */
export type WhatsAppPageInfo = {
  __typename?: 'WhatsAppPageInfo';
  /** Pass as `after` for the next (older) page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** There are more (older) items after this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The platform's shared WhatsApp credentials and who still uses them. */
export type WhatsAppPlatform = {
  __typename?: 'WhatsAppPlatform';
  /** PLATFORM_WHATSAPP_* are set on this instance. */
  configured: Scalars['Boolean']['output'];
  /** The platform's credential, once synced with Meta. */
  credential?: Maybe<WhatsAppCredential>;
  /** WHATSAPP_CREDENTIAL_SOURCE_DEFAULT: the source of users without an override. */
  defaultSource: WhatsAppCredentialSource;
  /** Users whose agents still use the platform's credentials. */
  dependents: Array<WhatsAppPlatformDependent>;
  /** When an administrator deprecated the platform's credentials; null if not deprecated. */
  deprecatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When they were removed for good; null if not retired. */
  retiredAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** A user whose agents still talk through the platform's credentials. */
export type WhatsAppPlatformDependent = {
  __typename?: 'WhatsAppPlatformDependent';
  /** Enabled agents that talk through the platform's credentials. */
  agentCount: Scalars['Int']['output'];
  /** The host's id of the user. */
  userId: Scalars['ID']['output'];
};

/** A drop in a phone number's quality or limits, or an alert about its business account, that its owner should act on; the number keeps sending. */
export type WhatsAppQualityWarning =
  /** Meta announced it will disable the business account (account_update DISABLED_UPDATE, SCHEDULE_FOR_DISABLE). */
  | 'ACCOUNT_DISABLE_SCHEDULED'
  /** The business account or number was offboarded or its partner removed (account_update): sending may stop. */
  | 'ACCOUNT_DISCONNECTED'
  /** Meta found a policy violation on the business account (account_update ACCOUNT_VIOLATION). */
  | 'ACCOUNT_POLICY_VIOLATION'
  /** Meta lowered the messaging limit: fewer customers can be reached outside a service window per day. */
  | 'MESSAGING_LIMIT_DECREASED'
  /** Meta flagged the number for low quality; without improvement its messaging limit is lowered. */
  | 'NUMBER_FLAGGED'
  /** Meta rated the number's quality RED (low): customers block or report its messages. */
  | 'QUALITY_RED';

/** A reaction (one emoji) to a message of the conversation. */
export type WhatsAppReactionInput = {
  /** One emoji; the empty string removes the reaction. */
  emoji: Scalars['String']['input'];
  /** The message (our id) to react to; it must be in the same conversation. */
  messageId: Scalars['ID']['input'];
};

/** One reply button of an interactive message. */
export type WhatsAppReplyButtonInput = {
  /** Returned in the customer's button reply; unique, at most 256 characters. */
  id: Scalars['String']['input'];
  /** At most 20 characters. */
  title: Scalars['String']['input'];
};

/** Choices for a migration run. */
export type WhatsAppRunMigrationInput = {
  /** Which of your numbers each agent takes; the preview's choice for agents left out. */
  agents?: InputMaybe<Array<WhatsAppMigrationAgentInput>>;
};

/** One message to send: the sender, the customer, an idempotency key and exactly one content field. */
export type WhatsAppSendMessageInput = {
  /** Send as this agent, from its phone number. Give this or credentialId. */
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** An audio file. */
  audio?: InputMaybe<WhatsAppMediaInput>;
  /** An interactive message with reply buttons. */
  buttons?: InputMaybe<WhatsAppButtonsInput>;
  /** Send from this credential's phone number. Give this or agentId. */
  credentialId?: InputMaybe<Scalars['ID']['input']>;
  /** An interactive message with one button that opens a link. */
  ctaUrl?: InputMaybe<WhatsAppCtaUrlInput>;
  /** A document, with an optional caption and file name. */
  document?: InputMaybe<WhatsAppMediaInput>;
  /** Your key for this send, unique per phone number (1-128 of A-Z a-z 0-9 _ . -). Repeating a send with the same key never sends twice: it returns the stored message. */
  idempotencyKey: Scalars['String']['input'];
  /** An image, with an optional caption. */
  image?: InputMaybe<WhatsAppMediaInput>;
  /** An interactive list. */
  list?: InputMaybe<WhatsAppListInput>;
  /** A location pin. */
  location?: InputMaybe<WhatsAppLocationInput>;
  /** A reaction to a message of the conversation. */
  reaction?: InputMaybe<WhatsAppReactionInput>;
  /** Quote this message (our id) of the same conversation. Not for reactions. */
  replyToMessageId?: InputMaybe<Scalars['ID']['input']>;
  /** A sticker (WebP); no caption. */
  sticker?: InputMaybe<WhatsAppMediaInput>;
  /** An approved template; the only content allowed outside the 24-hour window. */
  template?: InputMaybe<WhatsAppTemplateInput>;
  /** A text message. */
  text?: InputMaybe<WhatsAppTextInput>;
  /** The customer: +<country code><number> (E.164), or a business-scoped user id. */
  to: Scalars['String']['input'];
  /** A video, with an optional caption. */
  video?: InputMaybe<WhatsAppMediaInput>;
};

/** A customer who opted out of messages from one of my phone numbers: sends to them are refused. */
export type WhatsAppSuppression = {
  __typename?: 'WhatsAppSuppression';
  /** When the customer was added. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The credential (phone number) the customer opted out of. */
  credentialId: Scalars['ID']['output'];
  /** The customer's WhatsApp id: digits with country code, or a business-scoped user id. */
  customerWaId: Scalars['String']['output'];
  /** This entry's id. */
  id: Scalars['ID']['output'];
  /** Only marketing templates are refused (the customer stopped marketing messages at WhatsApp); other sends go out. */
  marketingOnly: Scalars['Boolean']['output'];
  /** Why, in words: the owner's note, or what the customer or WhatsApp said. */
  reason?: Maybe<Scalars['String']['output']>;
  /** How the entry was made. */
  source: WhatsAppSuppressionSource;
};

/** How a customer came to be on a number's opt-out list. */
export type WhatsAppSuppressionSource =
  /** The customer wrote an opt-out keyword (STOP or UNSUBSCRIBE) to the number. */
  | 'KEYWORD'
  /** The number's owner added the customer. */
  | 'MANUAL'
  /** WhatsApp refused a send with error 131050: the customer stopped marketing messages from this business. */
  | 'META_131050'
  /** The customer stopped marketing messages in WhatsApp (Meta's user_preferences webhook): only marketing templates are refused, until they resume. */
  | 'META_USER_PREFERENCES';

/** One language of a message template of my phone number's WhatsApp Business Account. */
export type WhatsAppTemplate = {
  __typename?: 'WhatsAppTemplate';
  /** MARKETING, UTILITY or AUTHENTICATION, as Meta classified it. */
  category?: Maybe<Scalars['String']['output']>;
  /** The components (header, body, footer, buttons) exactly as Meta returns them; null until the first sync that saw the template. */
  components?: Maybe<Array<Scalars['JSONObject']['output']>>;
  /** The credential (phone number) whose business account holds the template. */
  credentialId: Scalars['ID']['output'];
  /** This row's id. */
  id: Scalars['ID']['output'];
  /** The language code of this translation, e.g. en_US or pt_BR; a send must give exactly this code. */
  language: Scalars['String']['output'];
  /** Meta's id of the template; null until a sync or webhook names it. */
  metaTemplateId?: Maybe<Scalars['String']['output']>;
  /** The template's name: lowercase letters, digits and underscores. */
  name: Scalars['String']['output'];
  /** POSITIONAL ({{1}}, {{2}}...) or NAMED ({{first_name}}...): how a send must give the parameters. */
  parameterFormat: Scalars['String']['output'];
  /** Meta's quality score: GREEN, YELLOW, RED or UNKNOWN. */
  qualityScore?: Maybe<Scalars['String']['output']>;
  /** Why Meta rejected, paused or disabled it, when Meta said. */
  reason?: Maybe<Scalars['String']['output']>;
  /** Meta's review status: APPROVED (the only one that can be sent), PENDING, REJECTED, PAUSED, DISABLED, and others Meta may add. */
  status: Scalars['String']['output'];
  /** When a sync last read the template from Meta. */
  syncedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When this row last changed (a sync or a webhook). */
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** The kind of a template button. */
export type WhatsAppTemplateButtonSubType =
  /** Copies a coupon code. */
  | 'COPY_CODE'
  /** Sends a reply with a payload. */
  | 'QUICK_REPLY'
  /** Opens a link. */
  | 'URL';

/** The parameters of one part (header, body or a button) of a template. */
export type WhatsAppTemplateComponentInput = {
  /** The button's position (0-9); required for BUTTON components. */
  index?: InputMaybe<Scalars['Int']['input']>;
  /** The values of the component's variables, in order. */
  parameters?: Array<WhatsAppTemplateParameterInput>;
  /** Required for BUTTON components. */
  subType?: InputMaybe<WhatsAppTemplateButtonSubType>;
  /** Which part of the template the parameters fill. */
  type: WhatsAppTemplateComponentType;
};

/** A part of a template that takes parameters. */
export type WhatsAppTemplateComponentType =
  /** The template's body text. */
  | 'BODY'
  /** One of the template's buttons. */
  | 'BUTTON'
  /** The template's header. */
  | 'HEADER';

/** A page of message templates, by name then language. */
export type WhatsAppTemplateConnection = {
  __typename?: 'WhatsAppTemplateConnection';
  /** The templates of this page. */
  nodes: Array<WhatsAppTemplate>;
  /** Where this page ends. */
  pageInfo: WhatsAppPageInfo;
};

/** An approved template: the only content allowed outside the 24-hour window. */
export type WhatsAppTemplateInput = {
  /** Parameters per component; empty for a template without variables. */
  components?: Array<WhatsAppTemplateComponentInput>;
  /** The approved translation, e.g. en_US or pt_BR. */
  languageCode: Scalars['String']['input'];
  /** The template's name as approved by Meta. */
  name: Scalars['String']['input'];
};

/** One template parameter; fill the field its type names. */
export type WhatsAppTemplateParameterInput = {
  /** COUPON_CODE of a copy-code button. */
  couponCode?: InputMaybe<Scalars['String']['input']>;
  /** CURRENCY amount. */
  currency?: InputMaybe<WhatsAppCurrencyInput>;
  /** DOCUMENT file name. */
  filename?: InputMaybe<Scalars['String']['input']>;
  /** IMAGE, VIDEO or DOCUMENT link. */
  link?: InputMaybe<Scalars['String']['input']>;
  /** For templates with named variables. */
  parameterName?: InputMaybe<Scalars['String']['input']>;
  /** PAYLOAD of a quick-reply button. */
  payload?: InputMaybe<Scalars['String']['input']>;
  /** TEXT (and DATE_TIME's fallback value). */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Which kind of value this parameter carries. */
  type: WhatsAppTemplateParameterType;
};

/** The kind of value a template parameter carries. */
export type WhatsAppTemplateParameterType =
  /** A coupon code for a copy-code button. */
  | 'COUPON_CODE'
  /** An amount of money. */
  | 'CURRENCY'
  /** A date and time (sent as its fallback text). */
  | 'DATE_TIME'
  /** A document link (header). */
  | 'DOCUMENT'
  /** An image link (header). */
  | 'IMAGE'
  /** The payload of a quick-reply button. */
  | 'PAYLOAD'
  /** Text. */
  | 'TEXT'
  /** A video link (header). */
  | 'VIDEO';

/** A message template of one of my numbers changed status (a real-time event). */
export type WhatsAppTemplateStatusEvent = {
  __typename?: 'WhatsAppTemplateStatusEvent';
  /** The credential (phone number) whose template changed. */
  credentialId: Scalars['ID']['output'];
  /** The language code of the translation that changed. */
  language: Scalars['String']['output'];
  /** The template's name. */
  name: Scalars['String']['output'];
  /** When the change was recorded. */
  occurredAt: Scalars['DateTimeISO']['output'];
  /** The status before; null when the template was new to us. */
  previousStatus?: Maybe<Scalars['String']['output']>;
  /** Meta's reason (a rejection reason, or why it was paused), when given. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The status now, as Meta spells it (APPROVED, REJECTED, PAUSED, DISABLED...). */
  status: Scalars['String']['output'];
  /** The template as it is now; null once removed. */
  template?: Maybe<WhatsAppTemplate>;
};

/** What a template sync found at Meta. */
export type WhatsAppTemplateSyncResult = {
  __typename?: 'WhatsAppTemplateSyncResult';
  /** The credential (phone number) whose business account was read. */
  credentialId: Scalars['ID']['output'];
  /** Templates removed because Meta no longer lists them. */
  removedCount: Scalars['Int']['output'];
  /** When the sync finished. */
  syncedAt: Scalars['DateTimeISO']['output'];
  /** Templates (one per language) now known for the number. */
  templateCount: Scalars['Int']['output'];
};

/** A text message. */
export type WhatsAppTextInput = {
  /** 1 to 4,096 characters. */
  body: Scalars['String']['input'];
  /** Show a preview of the first URL in the body. */
  previewUrl?: Scalars['Boolean']['input'];
};

/** Omitted fields keep their value; null clears a message or the business hours. */
export type WhatsAppUpdateAgentInput = {
  /** Answer customers through the agent runtime. */
  autoReply?: InputMaybe<Scalars['Boolean']['input']>;
  /** New business hours; null: answer at any time. */
  businessHours?: InputMaybe<WhatsAppBusinessHoursInput>;
  /** Off pauses the agent on WhatsApp: inbound messages are stored, nothing is answered. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Sent outside business hours; null removes it. */
  fallbackMessage?: InputMaybe<Scalars['String']['input']>;
  /** Mark each customer message read as soon as the agent runtime is asked about it. */
  markRead?: InputMaybe<Scalars['Boolean']['input']>;
  /** New opt-in keywords, with the same limits; null: back to START. */
  optInKeywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** New opt-out keywords for the agent's own number (1 to 10, each 1 to 32 characters, any case); null: back to STOP and UNSUBSCRIBE. */
  optOutKeywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Minutes the agent stays silent after its owner writes from the WhatsApp Business app (0 to 10,080; 0 never pauses). */
  ownerReplyPauseMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Show "typing…" to the customer while the agent runtime works (also marks the message read). */
  typingIndicator?: InputMaybe<Scalars['Boolean']['input']>;
  /** Sent on a customer's first message; null removes it. */
  welcomeMessage?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields given change. New secrets are validated with Meta before anything is stored. */
export type WhatsAppUpdateCredentialInput = {
  /** A new access token; validated with Meta before it is stored. */
  accessToken?: InputMaybe<Scalars['String']['input']>;
  /** An empty string stops alert e-mails. */
  alertEmail?: InputMaybe<Scalars['String']['input']>;
  /** A new app secret; validated with Meta before it is stored. */
  appSecret?: InputMaybe<Scalars['String']['input']>;
  /** Delete this number's messages older than this many days (1 to 3650); null keeps every message. */
  messageRetentionDays?: InputMaybe<Scalars['Int']['input']>;
};

/** What erasing a user's data removed. Counts are zero when there was nothing (left) to remove. */
export type WhatsAppUserDataErasure = {
  __typename?: 'WhatsAppUserDataErasure';
  /** Agent WhatsApp configurations removed. */
  agentConfigs: Scalars['Int']['output'];
  /** Older audit entries about the user whose details were cleared (the entries themselves stay). */
  auditEntriesScrubbed: Scalars['Int']['output'];
  /** Conversations removed. */
  conversations: Scalars['Int']['output'];
  /** Credentials removed. */
  credentials: Scalars['Int']['output'];
  /** Before-erasure hooks (e.g. removing Meta's webhook configuration) that failed; the erasure went ahead. */
  hooksFailed: Array<Scalars['String']['output']>;
  /** The user's encryption key is destroyed: every copy of their encrypted secrets (dumps, data backups) is unreadable. */
  keyDestroyed: Scalars['Boolean']['output'];
  /** Key rotation records removed. */
  keyRotationRecords: Scalars['Int']['output'];
  /** Messages removed. */
  messages: Scalars['Int']['output'];
  /** The host's id of the erased user. */
  userId: Scalars['ID']['output'];
  /** Stored webhook deliveries removed. */
  webhookDeliveries: Scalars['Int']['output'];
  /** Webhook endpoints removed. */
  webhookEndpoints: Scalars['Int']['output'];
};

/** A user's encryption key: its versions and the state of its latest rotation. Never key material. */
export type WhatsAppUserKeyInfo = {
  __typename?: 'WhatsAppUserKeyInfo';
  /** Why the last rewrap failed, when it did. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The version new secrets are encrypted with. */
  latestVersion: Scalars['Int']['output'];
  /** Secrets encrypted with an older version no longer decrypt. */
  minDecryptionVersion: Scalars['Int']['output'];
  /** When the last rewrap finished; null while one runs or if none did. */
  rewrapCompletedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Where the rewrap after the latest rotation stands. */
  rewrapState: WhatsAppKeyRewrapState;
  /** Stored secrets moved to the latest version by the last rewrap. */
  rewrappedSecrets: Scalars['Int']['output'];
  /** When the key was last rotated; null if never. */
  rotatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Stored values that were already unreadable (tampered or malformed) and could not be rewrapped. */
  unreadableSecrets: Scalars['Int']['output'];
  /** The host's id of the key's user. */
  userId: Scalars['ID']['output'];
};

/** The webhook endpoint WhatsApp delivers a credential's events to. */
export type WhatsAppWebhookEndpoint = {
  __typename?: 'WhatsAppWebhookEndpoint';
  /** When the plugin last configured the webhook at Meta. */
  configuredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the endpoint was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The credential the endpoint belongs to. */
  credentialId: Scalars['ID']['output'];
  /** Why some webhook fields the plugin uses do not reach this endpoint (the app's callback URL points elsewhere, or Meta refused the subscription); null when they all do. */
  fieldsNote?: Maybe<Scalars['String']['output']>;
  /** The endpoint's id. */
  id: Scalars['ID']['output'];
  /** When the last authenticated delivery from Meta was processed, to within a second. */
  lastDeliveryAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Meta's id of the phone number whose events arrive here. */
  phoneNumberId: Scalars['String']['output'];
  /** Which of Meta's callback settings routes the number's webhooks. */
  routing: WhatsAppWebhookRouting;
  /** Whether Meta delivers to the endpoint. */
  status: WhatsAppWebhookStatus;
  /** Why configuration failed, in words; null when it did not. */
  statusReason?: Maybe<Scalars['String']['output']>;
  /** The webhook fields Meta lists for the credential's app, read back at the last configuration (Meta chooses fields per app, not per number); empty until then. */
  subscribedFields: Array<Scalars['String']['output']>;
  /** When the endpoint last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** The host's user with this userId; its fields come from the host. */
  user?: Maybe<User>;
  /** The host's id of the credential's owner. */
  userId: Scalars['ID']['output'];
  /** Last successful verification handshake from Meta. */
  verifiedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The callback URL given to Meta. */
  webhookUrl: Scalars['String']['output'];
};

/** Where Meta sends this number's message webhooks, as read back from Meta. */
export type WhatsAppWebhookRouting =
  /** The Meta app's callback URL (no override is set). */
  | 'APP_CALLBACK'
  /** An override on the WhatsApp Business Account. */
  | 'BUSINESS_ACCOUNT_OVERRIDE'
  /** Meta sends the number's webhooks somewhere else. */
  | 'NOT_ROUTED_HERE'
  /** An override on the phone number. */
  | 'PHONE_NUMBER_OVERRIDE'
  /** Not read back from Meta yet. */
  | 'UNKNOWN';

/** Whether Meta delivers a number's events to its endpoint. */
export type WhatsAppWebhookStatus =
  /** Meta routes the number's events here (read back and confirmed). */
  | 'ACTIVE'
  /** Configuration failed; `statusReason` says why, reconfigureWhatsAppWebhook retries. */
  | 'FAILED'
  /** Configuration has not finished yet, or is being retried. */
  | 'PENDING';

/** A day of the week. */
export type WhatsAppWeekday =
  /** Friday. */
  | 'FRIDAY'
  /** Monday. */
  | 'MONDAY'
  /** Saturday. */
  | 'SATURDAY'
  /** Sunday. */
  | 'SUNDAY'
  /** Thursday. */
  | 'THURSDAY'
  /** Tuesday. */
  | 'TUESDAY'
  /** Wednesday. */
  | 'WEDNESDAY';

export type _Entity = Agent | User | WhatsAppConversation | WhatsAppCredential | WhatsAppMessage;

export type _Service = {
  __typename?: '_Service';
  sdl?: Maybe<Scalars['String']['output']>;
};

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type AgentConfigFieldsFragment = { __typename?: 'WhatsAppAgentConfig', id: string, agentId: string, userId: string, credentialId?: string | null, phoneNumberId?: string | null, platformCode?: string | null, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'WhatsAppBusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'WhatsAppBusinessHoursSpan', day: WhatsAppWeekday, start: string, end: string }> } | null };

export type MessageFieldsFragment = { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsAppMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string };

export type EnableAgentWhatsAppMutationVariables = Exact<{
  input: WhatsAppEnableAgentInput;
}>;


export type EnableAgentWhatsAppMutation = { __typename?: 'Mutation', enableAgentWhatsApp: { __typename?: 'WhatsAppAgentConfig', id: string, agentId: string, userId: string, credentialId?: string | null, phoneNumberId?: string | null, platformCode?: string | null, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'WhatsAppBusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'WhatsAppBusinessHoursSpan', day: WhatsAppWeekday, start: string, end: string }> } | null } };

export type UpdateAgentWhatsAppMutationVariables = Exact<{
  agentId: Scalars['ID']['input'];
  input: WhatsAppUpdateAgentInput;
}>;


export type UpdateAgentWhatsAppMutation = { __typename?: 'Mutation', updateAgentWhatsApp: { __typename?: 'WhatsAppAgentConfig', id: string, agentId: string, userId: string, credentialId?: string | null, phoneNumberId?: string | null, platformCode?: string | null, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'WhatsAppBusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'WhatsAppBusinessHoursSpan', day: WhatsAppWeekday, start: string, end: string }> } | null } };

export type DisableAgentWhatsAppMutationVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type DisableAgentWhatsAppMutation = { __typename?: 'Mutation', disableAgentWhatsApp: string };

export type AgentWhatsAppQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type AgentWhatsAppQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'WhatsAppAgentConfig', id: string, agentId: string, userId: string, credentialId?: string | null, phoneNumberId?: string | null, platformCode?: string | null, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'WhatsAppBusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'WhatsAppBusinessHoursSpan', day: WhatsAppWeekday, start: string, end: string }> } | null } };

export type AgentWhatsAppStatusQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type AgentWhatsAppStatusQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'WhatsAppAgentConfig', agentId: string, status?: { __typename?: 'WhatsAppAgentStatus', ready: boolean, credentialStatus?: WhatsAppCredentialStatus | null, credentialStatusReason?: WhatsAppCredentialStatusReason | null, webhookStatus?: WhatsAppWebhookStatus | null, webhookRouting?: WhatsAppWebhookRouting | null, lastInboundAt?: string | null, lastOutboundAt?: string | null, windowOpen: boolean, openWindows: number, windowClosesAt?: string | null } | null } };

export type AgentMessagesQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
  customer?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AgentMessagesQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'WhatsAppAgentConfig', messages?: { __typename?: 'WhatsAppMessagePage', nodes: Array<{ __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsAppMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string }>, pageInfo: { __typename?: 'WhatsAppPageInfo', hasNextPage: boolean, endCursor?: string | null } } | null } };

export type AgentConversationQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
  customer: Scalars['String']['input'];
}>;


export type AgentConversationQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'WhatsAppAgentConfig', conversation?: { __typename?: 'WhatsAppConversation', id: string, customerWaId: string, lastInboundAt?: string | null, lastOutboundAt?: string | null, windowOpen: boolean, windowClosesAt?: string | null } | null } };

export type SendWhatsAppMessageMutationVariables = Exact<{
  input: WhatsAppSendMessageInput;
}>;


export type SendWhatsAppMessageMutation = { __typename?: 'Mutation', sendWhatsAppMessage: { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsAppMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string } };

export type MarkWhatsAppMessageReadMutationVariables = Exact<{
  messageId: Scalars['ID']['input'];
  typingIndicator?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type MarkWhatsAppMessageReadMutation = { __typename?: 'Mutation', markWhatsAppMessageRead: { __typename?: 'WhatsAppMessage', id: string, status: WhatsAppMessageStatus } };

export type WhatsAppMessageReceivedSubscriptionVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type WhatsAppMessageReceivedSubscription = { __typename?: 'Subscription', whatsAppMessageReceived: { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsAppMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string } };

export type WhatsAppMessageStatusChangedSubscriptionVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type WhatsAppMessageStatusChangedSubscription = { __typename?: 'Subscription', whatsAppMessageStatusChanged: { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsAppMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string } };

export type WhatsAppMessageChangesSubscriptionVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type WhatsAppMessageChangesSubscription = { __typename?: 'Subscription', whatsAppMessageReceived: { __typename?: 'WhatsAppMessage', id: string, whatsAppMessageId?: string | null, messageType: string, content: Record<string, unknown>, editedAt?: string | null, revokedAt?: string | null, edits: Array<{ __typename?: 'WhatsAppMessageEdit', editWhatsAppMessageId: string, previousType: string, previousContent: Record<string, unknown>, editedAt: string }> } };

export type WhatsAppFailureAlertsSubscriptionVariables = Exact<{
  credentialId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type WhatsAppFailureAlertsSubscription = { __typename?: 'Subscription', whatsAppFailureAlerts: { __typename?: 'WhatsAppFailureAlert', credentialId: string, kind: WhatsAppFailureAlertKind, count: number, firstSeenAt: string, lastSeenAt: string, errorCode?: string | null, reason?: string | null, credential?: { __typename?: 'WhatsAppCredential', id: string } | null } };

export type WhatsAppFailureDigestQueryVariables = Exact<{
  credentialId: Scalars['ID']['input'];
}>;


export type WhatsAppFailureDigestQuery = { __typename?: 'Query', whatsAppFailureDigest: { __typename?: 'WhatsAppFailureDigestSetting', credentialId: string, dailyDigest: boolean, updatedAt: string } };

export type SetWhatsAppFailureDigestMutationVariables = Exact<{
  credentialId: Scalars['ID']['input'];
  dailyDigest: Scalars['Boolean']['input'];
}>;


export type SetWhatsAppFailureDigestMutation = { __typename?: 'Mutation', setWhatsAppFailureDigest: { __typename?: 'WhatsAppFailureDigestSetting', credentialId: string, dailyDigest: boolean, updatedAt: string } };

export type MyCredentialsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCredentialsQuery = { __typename?: 'Query', whatsAppCredentials: Array<{ __typename?: 'WhatsAppCredential', id: string, phoneNumber: string, displayName: string, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, accessTokenHint: string }> };

export type CredentialHealthChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CredentialHealthChangedSubscription = { __typename?: 'Subscription', whatsAppCredentialHealthChanged: { __typename?: 'WhatsAppCredentialHealthEvent', credentialId: string, previousStatus: WhatsAppCredentialStatus, status: WhatsAppCredentialStatus, reason: WhatsAppCredentialStatusReason } };

export type CredentialFieldsFragment = { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null };

export type ConnectCredentialMutationVariables = Exact<{
  input: WhatsAppConnectCredentialInput;
}>;


export type ConnectCredentialMutation = { __typename?: 'Mutation', connectWhatsAppCredential: { __typename?: 'WhatsAppCredentialPayload', subscribedWebhookFields: Array<string>, credential: { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null }, warnings: Array<{ __typename?: 'WhatsAppCredentialWarning', code: string, message: string }> } };

export type UpdateCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: WhatsAppUpdateCredentialInput;
}>;


export type UpdateCredentialMutation = { __typename?: 'Mutation', updateWhatsAppCredential: { __typename?: 'WhatsAppCredentialPayload', credential: { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null }, warnings: Array<{ __typename?: 'WhatsAppCredentialWarning', code: string, message: string }> } };

export type RevalidateCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevalidateCredentialMutation = { __typename?: 'Mutation', revalidateWhatsAppCredential: { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null } };

export type DeleteCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteCredentialMutation = { __typename?: 'Mutation', deleteWhatsAppCredential: { __typename?: 'WhatsAppDeleteCredentialPayload', deletedCredentialId: string } };

export type GetCredentialQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GetCredentialQuery = { __typename?: 'Query', whatsAppCredential: { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null } };

export type AdminCredentialsQueryVariables = Exact<{
  status?: InputMaybe<WhatsAppCredentialStatus>;
  userId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AdminCredentialsQuery = { __typename?: 'Query', adminWhatsAppCredentials: { __typename?: 'WhatsAppCredentialConnection', nodes: Array<{ __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null }>, pageInfo: { __typename?: 'WhatsAppPageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SuspendCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
}>;


export type SuspendCredentialMutation = { __typename?: 'Mutation', suspendWhatsAppCredential: { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null } };

export type ReinstateCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReinstateCredentialMutation = { __typename?: 'Mutation', reinstateWhatsAppCredential: { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null } };

export type AuditFieldsFragment = { __typename?: 'WhatsAppAuditEntry', id: string, occurredAt: string, actorUserId?: string | null, actorRole: string, subjectUserId?: string | null, action: string, targetType?: string | null, targetId?: string | null, outcome: WhatsAppAuditOutcome, errorCode?: WhatsAppErrorCode | null, recordedErrorCode?: string | null, requestId?: string | null, details?: Record<string, unknown> | null };

export type MyAuditLogQueryVariables = Exact<{
  targetId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyAuditLogQuery = { __typename?: 'Query', myWhatsAppAuditLog: { __typename?: 'WhatsAppAuditEntryConnection', nodes: Array<{ __typename?: 'WhatsAppAuditEntry', id: string, occurredAt: string, actorUserId?: string | null, actorRole: string, subjectUserId?: string | null, action: string, targetType?: string | null, targetId?: string | null, outcome: WhatsAppAuditOutcome, errorCode?: WhatsAppErrorCode | null, recordedErrorCode?: string | null, requestId?: string | null, details?: Record<string, unknown> | null }>, pageInfo: { __typename?: 'WhatsAppPageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type AdminAuditLogQueryVariables = Exact<{
  userId?: InputMaybe<Scalars['ID']['input']>;
  action?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AdminAuditLogQuery = { __typename?: 'Query', adminWhatsAppAuditLog: { __typename?: 'WhatsAppAuditEntryConnection', nodes: Array<{ __typename?: 'WhatsAppAuditEntry', id: string, occurredAt: string, actorUserId?: string | null, actorRole: string, subjectUserId?: string | null, action: string, targetType?: string | null, targetId?: string | null, outcome: WhatsAppAuditOutcome, errorCode?: WhatsAppErrorCode | null, recordedErrorCode?: string | null, requestId?: string | null, details?: Record<string, unknown> | null }>, pageInfo: { __typename?: 'WhatsAppPageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CredentialHealthDetailsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CredentialHealthDetailsSubscription = { __typename?: 'Subscription', whatsAppCredentialHealthChanged: { __typename?: 'WhatsAppCredentialHealthEvent', credentialId: string, previousStatus: WhatsAppCredentialStatus, status: WhatsAppCredentialStatus, reason: WhatsAppCredentialStatusReason, credential?: { __typename?: 'WhatsAppCredential', id: string, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, warning?: string | null } | null } };

export type ExportCredentialsMutationVariables = Exact<{
  passphrase: Scalars['String']['input'];
  credentialIds?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type ExportCredentialsMutation = { __typename?: 'Mutation', exportWhatsAppCredentials: { __typename?: 'WhatsAppCredentialBundle', bundle: string, credentialCount: number } };

export type ImportCredentialsMutationVariables = Exact<{
  bundle: Scalars['String']['input'];
  passphrase: Scalars['String']['input'];
}>;


export type ImportCredentialsMutation = { __typename?: 'Mutation', importWhatsAppCredentials: Array<{ __typename?: 'WhatsAppCredentialImportResult', phoneNumberId: string, errorCode?: WhatsAppErrorCode | null, errorMessage?: string | null, credential?: { __typename?: 'WhatsAppCredential', id: string, userId: string, businessAccountId: string, phoneNumberId: string, phoneNumber: string, displayName: string, accessTokenHint: string, tokenExpiresAt?: string | null, tokenScopes: Array<string>, status: WhatsAppCredentialStatus, statusReason: WhatsAppCredentialStatusReason, statusMessage?: string | null, warning?: string | null, qualityRating?: string | null, messageRetentionDays?: number | null, lastValidatedAt?: string | null, alertEmail?: string | null } | null, warnings: Array<{ __typename?: 'WhatsAppCredentialWarning', code: string }> }> };

export type ValidateCredentialMutationVariables = Exact<{
  input: WhatsAppConnectCredentialInput;
}>;


export type ValidateCredentialMutation = { __typename?: 'Mutation', validateWhatsAppCredential: { __typename?: 'WhatsAppCredentialValidation', valid: boolean, phoneNumber?: string | null, displayName?: string | null, tokenExpiresAt?: string | null, checks: Array<{ __typename?: 'WhatsAppCredentialCheck', name: WhatsAppCredentialCheckName, outcome: WhatsAppCredentialCheckOutcome, reason?: WhatsAppCredentialStatusReason | null, message?: string | null, field?: string | null }>, warnings: Array<{ __typename?: 'WhatsAppCredentialWarning', code: string, message: string }> } };

export type CredentialAccountAlertsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CredentialAccountAlertsSubscription = { __typename?: 'Subscription', whatsAppCredentialHealthChanged: { __typename?: 'WhatsAppCredentialHealthEvent', credentialId: string, previousStatus: WhatsAppCredentialStatus, status: WhatsAppCredentialStatus, reason: WhatsAppCredentialStatusReason, warning?: WhatsAppQualityWarning | null, warningMessage?: string | null } };

export type WhatsAppErrorCodesQueryVariables = Exact<{ [key: string]: never; }>;


export type WhatsAppErrorCodesQuery = { __typename?: 'Query', whatsAppErrorCodes: Array<WhatsAppErrorCode> };

export type UserKeyInfoFieldsFragment = { __typename?: 'WhatsAppUserKeyInfo', userId: string, latestVersion: number, minDecryptionVersion: number, rewrapState: WhatsAppKeyRewrapState, rotatedAt?: string | null, rewrapCompletedAt?: string | null, rewrappedSecrets: number, unreadableSecrets: number, lastError?: string | null };

export type KeyRotationRunFieldsFragment = { __typename?: 'WhatsAppKeyRotationRun', id: string, state: WhatsAppKeyRotationRunState, startedBy?: string | null, total: number, done: number, failed: number, startedAt: string, finishedAt?: string | null, lastError?: string | null };

export type UserKeyInfoQueryVariables = Exact<{
  userId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type UserKeyInfoQuery = { __typename?: 'Query', whatsAppUserKeyInfo: { __typename?: 'WhatsAppUserKeyInfo', userId: string, latestVersion: number, minDecryptionVersion: number, rewrapState: WhatsAppKeyRewrapState, rotatedAt?: string | null, rewrapCompletedAt?: string | null, rewrappedSecrets: number, unreadableSecrets: number, lastError?: string | null } };

export type RotateUserKeyMutationVariables = Exact<{
  userId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type RotateUserKeyMutation = { __typename?: 'Mutation', rotateWhatsAppUserKey: { __typename?: 'WhatsAppUserKeyInfo', userId: string, latestVersion: number, minDecryptionVersion: number, rewrapState: WhatsAppKeyRewrapState, rotatedAt?: string | null, rewrapCompletedAt?: string | null, rewrappedSecrets: number, unreadableSecrets: number, lastError?: string | null } };

export type StartKeyRotationRunMutationVariables = Exact<{ [key: string]: never; }>;


export type StartKeyRotationRunMutation = { __typename?: 'Mutation', startWhatsAppKeyRotationRun: { __typename?: 'WhatsAppKeyRotationRun', id: string, state: WhatsAppKeyRotationRunState, startedBy?: string | null, total: number, done: number, failed: number, startedAt: string, finishedAt?: string | null, lastError?: string | null } };

export type KeyRotationRunQueryVariables = Exact<{
  id?: InputMaybe<Scalars['ID']['input']>;
}>;


export type KeyRotationRunQuery = { __typename?: 'Query', whatsAppKeyRotationRun?: { __typename?: 'WhatsAppKeyRotationRun', id: string, state: WhatsAppKeyRotationRunState, startedBy?: string | null, total: number, done: number, failed: number, startedAt: string, finishedAt?: string | null, lastError?: string | null } | null };

export type DeleteUserDataMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type DeleteUserDataMutation = { __typename?: 'Mutation', deleteWhatsAppUserData: { __typename?: 'WhatsAppUserDataErasure', userId: string, keyDestroyed: boolean, credentials: number, webhookEndpoints: number, webhookDeliveries: number, agentConfigs: number, conversations: number, messages: number, keyRotationRecords: number, auditEntriesScrubbed: number, hooksFailed: Array<string> } };

export type AgentMessageMediaQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type AgentMessageMediaQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'WhatsAppAgentConfig', messages?: { __typename?: 'WhatsAppMessagePage', nodes: Array<{ __typename?: 'WhatsAppMessage', id: string, messageType: string, mediaUrl?: string | null, mediaUrlExpiresAt?: string | null }> } | null } };

export type CreateWhatsAppMediaUploadMutationVariables = Exact<{
  input: WhatsAppMediaUploadInput;
}>;


export type CreateWhatsAppMediaUploadMutation = { __typename?: 'Mutation', createWhatsAppMediaUpload: { __typename?: 'WhatsAppMediaUpload', uploadUrl: string, expiresAt: string, maxBytes: number } };

export type SuppressionFieldsFragment = { __typename?: 'WhatsAppSuppression', id: string, credentialId: string, customerWaId: string, reason?: string | null, source: WhatsAppSuppressionSource, createdAt: string };

export type WhatsAppSuppressionsQueryVariables = Exact<{
  credentialId: Scalars['ID']['input'];
}>;


export type WhatsAppSuppressionsQuery = { __typename?: 'Query', whatsAppSuppressions: Array<{ __typename?: 'WhatsAppSuppression', id: string, credentialId: string, customerWaId: string, reason?: string | null, source: WhatsAppSuppressionSource, createdAt: string }> };

export type AddWhatsAppSuppressionMutationVariables = Exact<{
  credentialId: Scalars['ID']['input'];
  customer: Scalars['String']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type AddWhatsAppSuppressionMutation = { __typename?: 'Mutation', addWhatsAppSuppression: { __typename?: 'WhatsAppSuppression', id: string, credentialId: string, customerWaId: string, reason?: string | null, source: WhatsAppSuppressionSource, createdAt: string } };

export type RemoveWhatsAppSuppressionMutationVariables = Exact<{
  credentialId: Scalars['ID']['input'];
  customer: Scalars['String']['input'];
}>;


export type RemoveWhatsAppSuppressionMutation = { __typename?: 'Mutation', removeWhatsAppSuppression: boolean };

export type EnableAgentWithKeywordsMutationVariables = Exact<{
  input: WhatsAppEnableAgentInput;
}>;


export type EnableAgentWithKeywordsMutation = { __typename?: 'Mutation', enableAgentWhatsApp: { __typename?: 'WhatsAppAgentConfig', agentId: string, credentialId?: string | null, optOutKeywords?: Array<string> | null, optInKeywords?: Array<string> | null } };

export type UpdateAgentKeywordsMutationVariables = Exact<{
  agentId: Scalars['ID']['input'];
  input: WhatsAppUpdateAgentInput;
}>;


export type UpdateAgentKeywordsMutation = { __typename?: 'Mutation', updateAgentWhatsApp: { __typename?: 'WhatsAppAgentConfig', agentId: string, optOutKeywords?: Array<string> | null, optInKeywords?: Array<string> | null } };

export type MigrationFieldsFragment = { __typename?: 'WhatsAppMigration', userId: string, state: WhatsAppMigrationState, runs: number, canRollBack: boolean, startedAt: string, completedAt?: string | null, rollbackDeadline?: string | null, rolledBackAt?: string | null, steps: Array<{ __typename?: 'WhatsAppMigrationStep', step: string, agentId?: string | null, credentialId?: string | null, outcome: WhatsAppMigrationStepOutcome, code?: WhatsAppErrorCode | null, message?: string | null }> };

export type PlatformFieldsFragment = { __typename?: 'WhatsAppPlatform', configured: boolean, defaultSource: WhatsAppCredentialSource, deprecatedAt?: string | null, retiredAt?: string | null, credential?: { __typename?: 'WhatsAppCredential', id: string, platform: boolean, phoneNumberId: string, status: WhatsAppCredentialStatus } | null, dependents: Array<{ __typename?: 'WhatsAppPlatformDependent', userId: string, agentCount: number }> };

export type AgentLineQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type AgentLineQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'WhatsAppAgentConfig', agentId: string, credentialId?: string | null, phoneNumberId?: string | null, platformCode?: string | null, status?: { __typename?: 'WhatsAppAgentStatus', line: WhatsAppCredentialSource, platformLink?: string | null, ready: boolean, credentialStatus?: WhatsAppCredentialStatus | null } | null } };

export type WhatsAppMigrationPreviewQueryVariables = Exact<{ [key: string]: never; }>;


export type WhatsAppMigrationPreviewQuery = { __typename?: 'Query', whatsAppMigrationPreview: { __typename?: 'WhatsAppMigrationPreview', source: WhatsAppCredentialSource, ready: boolean, requirements: Array<string>, rollbackWindowHours: number, agents: Array<{ __typename?: 'WhatsAppMigrationAgent', agentId: string, credentialId?: string | null, phoneNumber?: string | null, credentialStatus?: WhatsAppCredentialStatus | null }>, migration?: { __typename?: 'WhatsAppMigration', userId: string, state: WhatsAppMigrationState, runs: number, canRollBack: boolean, startedAt: string, completedAt?: string | null, rollbackDeadline?: string | null, rolledBackAt?: string | null, steps: Array<{ __typename?: 'WhatsAppMigrationStep', step: string, agentId?: string | null, credentialId?: string | null, outcome: WhatsAppMigrationStepOutcome, code?: WhatsAppErrorCode | null, message?: string | null }> } | null } };

export type WhatsAppMigrationStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type WhatsAppMigrationStatusQuery = { __typename?: 'Query', whatsAppMigration?: { __typename?: 'WhatsAppMigration', userId: string, state: WhatsAppMigrationState, runs: number, canRollBack: boolean, startedAt: string, completedAt?: string | null, rollbackDeadline?: string | null, rolledBackAt?: string | null, steps: Array<{ __typename?: 'WhatsAppMigrationStep', step: string, agentId?: string | null, credentialId?: string | null, outcome: WhatsAppMigrationStepOutcome, code?: WhatsAppErrorCode | null, message?: string | null }> } | null };

export type RunWhatsAppMigrationMutationVariables = Exact<{
  input?: InputMaybe<WhatsAppRunMigrationInput>;
}>;


export type RunWhatsAppMigrationMutation = { __typename?: 'Mutation', runWhatsAppMigration: { __typename?: 'WhatsAppMigration', userId: string, state: WhatsAppMigrationState, runs: number, canRollBack: boolean, startedAt: string, completedAt?: string | null, rollbackDeadline?: string | null, rolledBackAt?: string | null, steps: Array<{ __typename?: 'WhatsAppMigrationStep', step: string, agentId?: string | null, credentialId?: string | null, outcome: WhatsAppMigrationStepOutcome, code?: WhatsAppErrorCode | null, message?: string | null }> } };

export type RollBackWhatsAppMigrationMutationVariables = Exact<{ [key: string]: never; }>;


export type RollBackWhatsAppMigrationMutation = { __typename?: 'Mutation', rollBackWhatsAppMigration: { __typename?: 'WhatsAppMigration', userId: string, state: WhatsAppMigrationState, runs: number, canRollBack: boolean, startedAt: string, completedAt?: string | null, rollbackDeadline?: string | null, rolledBackAt?: string | null, steps: Array<{ __typename?: 'WhatsAppMigrationStep', step: string, agentId?: string | null, credentialId?: string | null, outcome: WhatsAppMigrationStepOutcome, code?: WhatsAppErrorCode | null, message?: string | null }> } };

export type PlatformWhatsAppQueryVariables = Exact<{ [key: string]: never; }>;


export type PlatformWhatsAppQuery = { __typename?: 'Query', platformWhatsApp: { __typename?: 'WhatsAppPlatform', configured: boolean, defaultSource: WhatsAppCredentialSource, deprecatedAt?: string | null, retiredAt?: string | null, credential?: { __typename?: 'WhatsAppCredential', id: string, platform: boolean, phoneNumberId: string, status: WhatsAppCredentialStatus } | null, dependents: Array<{ __typename?: 'WhatsAppPlatformDependent', userId: string, agentCount: number }> } };

export type SetWhatsAppCredentialSourceMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  source?: InputMaybe<WhatsAppCredentialSource>;
}>;


export type SetWhatsAppCredentialSourceMutation = { __typename?: 'Mutation', setWhatsAppCredentialSource: WhatsAppCredentialSource };

export type DeprecatePlatformWhatsAppMutationVariables = Exact<{
  deprecated: Scalars['Boolean']['input'];
}>;


export type DeprecatePlatformWhatsAppMutation = { __typename?: 'Mutation', deprecatePlatformWhatsApp: { __typename?: 'WhatsAppPlatform', configured: boolean, defaultSource: WhatsAppCredentialSource, deprecatedAt?: string | null, retiredAt?: string | null, credential?: { __typename?: 'WhatsAppCredential', id: string, platform: boolean, phoneNumberId: string, status: WhatsAppCredentialStatus } | null, dependents: Array<{ __typename?: 'WhatsAppPlatformDependent', userId: string, agentCount: number }> } };

export type RetirePlatformWhatsAppMutationVariables = Exact<{ [key: string]: never; }>;


export type RetirePlatformWhatsAppMutation = { __typename?: 'Mutation', retirePlatformWhatsApp: { __typename?: 'WhatsAppPlatform', configured: boolean, defaultSource: WhatsAppCredentialSource, deprecatedAt?: string | null, retiredAt?: string | null, credential?: { __typename?: 'WhatsAppCredential', id: string, platform: boolean, phoneNumberId: string, status: WhatsAppCredentialStatus } | null, dependents: Array<{ __typename?: 'WhatsAppPlatformDependent', userId: string, agentCount: number }> } };

export type WhatsAppTemplatesQueryVariables = Exact<{
  credentialId: Scalars['ID']['input'];
  status?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type WhatsAppTemplatesQuery = { __typename?: 'Query', whatsAppTemplates: { __typename?: 'WhatsAppTemplateConnection', nodes: Array<{ __typename?: 'WhatsAppTemplate', id: string, credentialId: string, metaTemplateId?: string | null, name: string, language: string, status: string, category?: string | null, parameterFormat: string, components?: Array<Record<string, unknown>> | null, qualityScore?: string | null, reason?: string | null, syncedAt?: string | null }>, pageInfo: { __typename?: 'WhatsAppPageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SyncWhatsAppTemplatesMutationVariables = Exact<{
  credentialId: Scalars['ID']['input'];
}>;


export type SyncWhatsAppTemplatesMutation = { __typename?: 'Mutation', syncWhatsAppTemplates: { __typename?: 'WhatsAppTemplateSyncResult', credentialId: string, templateCount: number, removedCount: number, syncedAt: string } };

export type WhatsAppTemplateStatusChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WhatsAppTemplateStatusChangedSubscription = { __typename?: 'Subscription', whatsAppTemplateStatusChanged: { __typename?: 'WhatsAppTemplateStatusEvent', credentialId: string, name: string, language: string, previousStatus?: string | null, status: string, reason?: string | null, template?: { __typename?: 'WhatsAppTemplate', id: string, status: string } | null } };

export type CredentialQualityWarningsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CredentialQualityWarningsSubscription = { __typename?: 'Subscription', credentialHealthChanged: { __typename?: 'WhatsAppCredentialHealthEvent', credentialId: string, previousStatus: WhatsAppCredentialStatus, status: WhatsAppCredentialStatus, warning?: WhatsAppQualityWarning | null, warningMessage?: string | null, credential?: { __typename?: 'WhatsAppCredential', qualityRating?: string | null, messagingLimit?: string | null, qualityFlagged: boolean } | null } };

export type MyCredentialWebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCredentialWebhooksQuery = { __typename?: 'Query', whatsAppCredentials: Array<{ __typename?: 'WhatsAppCredential', id: string, webhook?: { __typename?: 'WhatsAppWebhookEndpoint', id: string, credentialId: string, webhookUrl: string, phoneNumberId: string, status: WhatsAppWebhookStatus, statusReason?: string | null, routing: WhatsAppWebhookRouting, configuredAt?: string | null, verifiedAt?: string | null, lastDeliveryAt?: string | null, subscribedFields: Array<string>, fieldsNote?: string | null } | null }> };

export type ReconfigureWhatsAppWebhookMutationVariables = Exact<{
  credentialId: Scalars['ID']['input'];
}>;


export type ReconfigureWhatsAppWebhookMutation = { __typename?: 'Mutation', reconfigureWhatsAppWebhook: { __typename?: 'WhatsAppWebhookEndpoint', id: string, credentialId: string, status: WhatsAppWebhookStatus, statusReason?: string | null, routing: WhatsAppWebhookRouting, webhookUrl: string } };

export type WhatsAppMarketingSuppressionsQueryVariables = Exact<{
  credentialId: Scalars['ID']['input'];
}>;


export type WhatsAppMarketingSuppressionsQuery = { __typename?: 'Query', whatsAppSuppressions: Array<{ __typename?: 'WhatsAppSuppression', customerWaId: string, source: WhatsAppSuppressionSource, marketingOnly: boolean }> };

export type WhatsAppCallChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WhatsAppCallChangedSubscription = { __typename?: 'Subscription', whatsAppCallChanged: { __typename?: 'WhatsAppCall', id: string, credentialId: string, callId: string, customerWaId: string, direction: string, lastEvent: string, status?: string | null, startedAt: string, endedAt?: string | null, durationSeconds?: number | null } };

export type RetryWhatsAppInboundDeadLetterMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RetryWhatsAppInboundDeadLetterMutation = { __typename?: 'Mutation', retryWhatsAppInboundDeadLetter: { __typename?: 'WhatsAppInboundDeadLetter', id: string, retriedAt?: string | null } };

export const AgentConfigFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppAgentConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"platformCode"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<AgentConfigFieldsFragment, unknown>;
export const MessageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<MessageFieldsFragment, unknown>;
export const CredentialFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<CredentialFieldsFragment, unknown>;
export const AuditFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppAuditEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorUserId"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"subjectUserId"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"recordedErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}}]} as unknown as DocumentNode<AuditFieldsFragment, unknown>;
export const UserKeyInfoFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserKeyInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppUserKeyInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"}},{"kind":"Field","name":{"kind":"Name","value":"minDecryptionVersion"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapState"}},{"kind":"Field","name":{"kind":"Name","value":"rotatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrappedSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"unreadableSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<UserKeyInfoFieldsFragment, unknown>;
export const KeyRotationRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeyRotationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppKeyRotationRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<KeyRotationRunFieldsFragment, unknown>;
export const SuppressionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuppressionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppSuppression"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"customerWaId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<SuppressionFieldsFragment, unknown>;
export const MigrationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMigration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"canRollBack"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rollbackDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"rolledBackAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<MigrationFieldsFragment, unknown>;
export const PlatformFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppPlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"defaultSource"}},{"kind":"Field","name":{"kind":"Name","value":"deprecatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"agentCount"}}]}}]}}]} as unknown as DocumentNode<PlatformFieldsFragment, unknown>;
export const EnableAgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableAgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppEnableAgentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgentConfigFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppAgentConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"platformCode"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<EnableAgentWhatsAppMutation, EnableAgentWhatsAppMutationVariables>;
export const UpdateAgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppUpdateAgentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgentConfigFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppAgentConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"platformCode"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateAgentWhatsAppMutation, UpdateAgentWhatsAppMutationVariables>;
export const DisableAgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableAgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}]}]}}]} as unknown as DocumentNode<DisableAgentWhatsAppMutation, DisableAgentWhatsAppMutationVariables>;
export const AgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgentConfigFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppAgentConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"platformCode"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<AgentWhatsAppQuery, AgentWhatsAppQueryVariables>;
export const AgentWhatsAppStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentWhatsAppStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ready"}},{"kind":"Field","name":{"kind":"Name","value":"credentialStatus"}},{"kind":"Field","name":{"kind":"Name","value":"credentialStatusReason"}},{"kind":"Field","name":{"kind":"Name","value":"webhookStatus"}},{"kind":"Field","name":{"kind":"Name","value":"webhookRouting"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastOutboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"openWindows"}},{"kind":"Field","name":{"kind":"Name","value":"windowClosesAt"}}]}}]}}]}}]} as unknown as DocumentNode<AgentWhatsAppStatusQuery, AgentWhatsAppStatusQueryVariables>;
export const AgentMessagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentMessages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customer"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<AgentMessagesQuery, AgentMessagesQueryVariables>;
export const AgentConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customer"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customer"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerWaId"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastOutboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"windowClosesAt"}}]}}]}}]}}]} as unknown as DocumentNode<AgentConversationQuery, AgentConversationQueryVariables>;
export const SendWhatsAppMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendWhatsAppMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppSendMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendWhatsAppMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<SendWhatsAppMessageMutation, SendWhatsAppMessageMutationVariables>;
export const MarkWhatsAppMessageReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkWhatsAppMessageRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"typingIndicator"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markWhatsAppMessageRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"messageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}}},{"kind":"Argument","name":{"kind":"Name","value":"typingIndicator"},"value":{"kind":"Variable","name":{"kind":"Name","value":"typingIndicator"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<MarkWhatsAppMessageReadMutation, MarkWhatsAppMessageReadMutationVariables>;
export const WhatsAppMessageReceivedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppMessageReceived"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageReceived"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<WhatsAppMessageReceivedSubscription, WhatsAppMessageReceivedSubscriptionVariables>;
export const WhatsAppMessageStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppMessageStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<WhatsAppMessageStatusChangedSubscription, WhatsAppMessageStatusChangedSubscriptionVariables>;
export const WhatsAppMessageChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppMessageChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageReceived"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"whatsAppMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"editedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"edits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"editWhatsAppMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"previousType"}},{"kind":"Field","name":{"kind":"Name","value":"previousContent"}},{"kind":"Field","name":{"kind":"Name","value":"editedAt"}}]}}]}}]}}]} as unknown as DocumentNode<WhatsAppMessageChangesSubscription, WhatsAppMessageChangesSubscriptionVariables>;
export const WhatsAppFailureAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppFailureAlerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppFailureAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<WhatsAppFailureAlertsSubscription, WhatsAppFailureAlertsSubscriptionVariables>;
export const WhatsAppFailureDigestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatsAppFailureDigest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppFailureDigest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"dailyDigest"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<WhatsAppFailureDigestQuery, WhatsAppFailureDigestQueryVariables>;
export const SetWhatsAppFailureDigestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetWhatsAppFailureDigest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dailyDigest"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setWhatsAppFailureDigest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}},{"kind":"Argument","name":{"kind":"Name","value":"dailyDigest"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dailyDigest"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"dailyDigest"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SetWhatsAppFailureDigestMutation, SetWhatsAppFailureDigestMutationVariables>;
export const MyCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}}]}}]}}]} as unknown as DocumentNode<MyCredentialsQuery, MyCredentialsQueryVariables>;
export const CredentialHealthChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CredentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppCredentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CredentialHealthChangedSubscription, CredentialHealthChangedSubscriptionVariables>;
export const ConnectCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConnectCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppConnectCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectWhatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"subscribedWebhookFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<ConnectCredentialMutation, ConnectCredentialMutationVariables>;
export const UpdateCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppUpdateCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWhatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<UpdateCredentialMutation, UpdateCredentialMutationVariables>;
export const RevalidateCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevalidateCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revalidateWhatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<RevalidateCredentialMutation, RevalidateCredentialMutationVariables>;
export const DeleteCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWhatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedCredentialId"}}]}}]}}]} as unknown as DocumentNode<DeleteCredentialMutation, DeleteCredentialMutationVariables>;
export const GetCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<GetCredentialQuery, GetCredentialQueryVariables>;
export const AdminCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredentialStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adminWhatsAppCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<AdminCredentialsQuery, AdminCredentialsQueryVariables>;
export const SuspendCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SuspendCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suspendWhatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<SuspendCredentialMutation, SuspendCredentialMutationVariables>;
export const ReinstateCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReinstateCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reinstateWhatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<ReinstateCredentialMutation, ReinstateCredentialMutationVariables>;
export const MyAuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyAuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myWhatsAppAuditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuditFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppAuditEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorUserId"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"subjectUserId"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"recordedErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}}]} as unknown as DocumentNode<MyAuditLogQuery, MyAuditLogQueryVariables>;
export const AdminAuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminAuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adminWhatsAppAuditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuditFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppAuditEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorUserId"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"subjectUserId"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"recordedErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}}]} as unknown as DocumentNode<AdminAuditLogQuery, AdminAuditLogQueryVariables>;
export const CredentialHealthDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CredentialHealthDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppCredentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}}]}}]}}]} as unknown as DocumentNode<CredentialHealthDetailsSubscription, CredentialHealthDetailsSubscriptionVariables>;
export const ExportCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExportCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"passphrase"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportWhatsAppCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"passphrase"},"value":{"kind":"Variable","name":{"kind":"Name","value":"passphrase"}}},{"kind":"Argument","name":{"kind":"Name","value":"credentialIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bundle"}},{"kind":"Field","name":{"kind":"Name","value":"credentialCount"}}]}}]}}]} as unknown as DocumentNode<ExportCredentialsMutation, ExportCredentialsMutationVariables>;
export const ImportCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bundle"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"passphrase"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importWhatsAppCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bundle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bundle"}}},{"kind":"Argument","name":{"kind":"Name","value":"passphrase"},"value":{"kind":"Variable","name":{"kind":"Name","value":"passphrase"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"businessAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokenScopes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messageRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"lastValidatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"alertEmail"}}]}}]} as unknown as DocumentNode<ImportCredentialsMutation, ImportCredentialsMutationVariables>;
export const ValidateCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppConnectCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateWhatsAppCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ValidateCredentialMutation, ValidateCredentialMutationVariables>;
export const CredentialAccountAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CredentialAccountAlerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppCredentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"warningMessage"}}]}}]}}]} as unknown as DocumentNode<CredentialAccountAlertsSubscription, CredentialAccountAlertsSubscriptionVariables>;
export const WhatsAppErrorCodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatsAppErrorCodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppErrorCodes"}}]}}]} as unknown as DocumentNode<WhatsAppErrorCodesQuery, WhatsAppErrorCodesQueryVariables>;
export const UserKeyInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserKeyInfo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppUserKeyInfo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserKeyInfoFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserKeyInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppUserKeyInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"}},{"kind":"Field","name":{"kind":"Name","value":"minDecryptionVersion"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapState"}},{"kind":"Field","name":{"kind":"Name","value":"rotatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrappedSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"unreadableSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<UserKeyInfoQuery, UserKeyInfoQueryVariables>;
export const RotateUserKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateUserKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateWhatsAppUserKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserKeyInfoFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserKeyInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppUserKeyInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"}},{"kind":"Field","name":{"kind":"Name","value":"minDecryptionVersion"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapState"}},{"kind":"Field","name":{"kind":"Name","value":"rotatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrapCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rewrappedSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"unreadableSecrets"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<RotateUserKeyMutation, RotateUserKeyMutationVariables>;
export const StartKeyRotationRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartKeyRotationRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startWhatsAppKeyRotationRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeyRotationRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeyRotationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppKeyRotationRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<StartKeyRotationRunMutation, StartKeyRotationRunMutationVariables>;
export const KeyRotationRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KeyRotationRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppKeyRotationRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeyRotationRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeyRotationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppKeyRotationRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]} as unknown as DocumentNode<KeyRotationRunQuery, KeyRotationRunQueryVariables>;
export const DeleteUserDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteUserData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWhatsAppUserData"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"keyDestroyed"}},{"kind":"Field","name":{"kind":"Name","value":"credentials"}},{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"}},{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"}},{"kind":"Field","name":{"kind":"Name","value":"agentConfigs"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"}},{"kind":"Field","name":{"kind":"Name","value":"messages"}},{"kind":"Field","name":{"kind":"Name","value":"keyRotationRecords"}},{"kind":"Field","name":{"kind":"Name","value":"auditEntriesScrubbed"}},{"kind":"Field","name":{"kind":"Name","value":"hooksFailed"}}]}}]}}]} as unknown as DocumentNode<DeleteUserDataMutation, DeleteUserDataMutationVariables>;
export const AgentMessageMediaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentMessageMedia"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"mediaUrl"}},{"kind":"Field","name":{"kind":"Name","value":"mediaUrlExpiresAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AgentMessageMediaQuery, AgentMessageMediaQueryVariables>;
export const CreateWhatsAppMediaUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWhatsAppMediaUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMediaUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWhatsAppMediaUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"maxBytes"}}]}}]}}]} as unknown as DocumentNode<CreateWhatsAppMediaUploadMutation, CreateWhatsAppMediaUploadMutationVariables>;
export const WhatsAppSuppressionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatsAppSuppressions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppSuppressions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SuppressionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuppressionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppSuppression"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"customerWaId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WhatsAppSuppressionsQuery, WhatsAppSuppressionsQueryVariables>;
export const AddWhatsAppSuppressionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddWhatsAppSuppression"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customer"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addWhatsAppSuppression"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}},{"kind":"Argument","name":{"kind":"Name","value":"customer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customer"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SuppressionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuppressionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppSuppression"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"customerWaId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AddWhatsAppSuppressionMutation, AddWhatsAppSuppressionMutationVariables>;
export const RemoveWhatsAppSuppressionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveWhatsAppSuppression"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customer"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeWhatsAppSuppression"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}},{"kind":"Argument","name":{"kind":"Name","value":"customer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customer"}}}]}]}}]} as unknown as DocumentNode<RemoveWhatsAppSuppressionMutation, RemoveWhatsAppSuppressionMutationVariables>;
export const EnableAgentWithKeywordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableAgentWithKeywords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppEnableAgentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"optOutKeywords"}},{"kind":"Field","name":{"kind":"Name","value":"optInKeywords"}}]}}]}}]} as unknown as DocumentNode<EnableAgentWithKeywordsMutation, EnableAgentWithKeywordsMutationVariables>;
export const UpdateAgentKeywordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAgentKeywords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppUpdateAgentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"optOutKeywords"}},{"kind":"Field","name":{"kind":"Name","value":"optInKeywords"}}]}}]}}]} as unknown as DocumentNode<UpdateAgentKeywordsMutation, UpdateAgentKeywordsMutationVariables>;
export const AgentLineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentLine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"platformCode"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"platformLink"}},{"kind":"Field","name":{"kind":"Name","value":"ready"}},{"kind":"Field","name":{"kind":"Name","value":"credentialStatus"}}]}}]}}]}}]} as unknown as DocumentNode<AgentLineQuery, AgentLineQueryVariables>;
export const WhatsAppMigrationPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatsAppMigrationPreview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppMigrationPreview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"ready"}},{"kind":"Field","name":{"kind":"Name","value":"requirements"}},{"kind":"Field","name":{"kind":"Name","value":"rollbackWindowHours"}},{"kind":"Field","name":{"kind":"Name","value":"agents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"credentialStatus"}}]}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MigrationFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMigration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"canRollBack"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rollbackDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"rolledBackAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<WhatsAppMigrationPreviewQuery, WhatsAppMigrationPreviewQueryVariables>;
export const WhatsAppMigrationStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatsAppMigrationStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppMigration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MigrationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMigration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"canRollBack"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rollbackDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"rolledBackAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<WhatsAppMigrationStatusQuery, WhatsAppMigrationStatusQueryVariables>;
export const RunWhatsAppMigrationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunWhatsAppMigration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppRunMigrationInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runWhatsAppMigration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MigrationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMigration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"canRollBack"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rollbackDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"rolledBackAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RunWhatsAppMigrationMutation, RunWhatsAppMigrationMutationVariables>;
export const RollBackWhatsAppMigrationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RollBackWhatsAppMigration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollBackWhatsAppMigration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MigrationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMigration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"canRollBack"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rollbackDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"rolledBackAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RollBackWhatsAppMigrationMutation, RollBackWhatsAppMigrationMutationVariables>;
export const PlatformWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformWhatsApp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platformWhatsApp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlatformFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppPlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"defaultSource"}},{"kind":"Field","name":{"kind":"Name","value":"deprecatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"agentCount"}}]}}]}}]} as unknown as DocumentNode<PlatformWhatsAppQuery, PlatformWhatsAppQueryVariables>;
export const SetWhatsAppCredentialSourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetWhatsAppCredentialSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppCredentialSource"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setWhatsAppCredentialSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}]}]}}]} as unknown as DocumentNode<SetWhatsAppCredentialSourceMutation, SetWhatsAppCredentialSourceMutationVariables>;
export const DeprecatePlatformWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeprecatePlatformWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deprecated"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deprecatePlatformWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deprecated"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deprecated"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlatformFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppPlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"defaultSource"}},{"kind":"Field","name":{"kind":"Name","value":"deprecatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"agentCount"}}]}}]}}]} as unknown as DocumentNode<DeprecatePlatformWhatsAppMutation, DeprecatePlatformWhatsAppMutationVariables>;
export const RetirePlatformWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetirePlatformWhatsApp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retirePlatformWhatsApp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlatformFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppPlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"defaultSource"}},{"kind":"Field","name":{"kind":"Name","value":"deprecatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"agentCount"}}]}}]}}]} as unknown as DocumentNode<RetirePlatformWhatsAppMutation, RetirePlatformWhatsAppMutationVariables>;
export const WhatsAppTemplatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatsAppTemplates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppTemplates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"metaTemplateId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"parameterFormat"}},{"kind":"Field","name":{"kind":"Name","value":"components"}},{"kind":"Field","name":{"kind":"Name","value":"qualityScore"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WhatsAppTemplatesQuery, WhatsAppTemplatesQueryVariables>;
export const SyncWhatsAppTemplatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SyncWhatsAppTemplates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncWhatsAppTemplates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"templateCount"}},{"kind":"Field","name":{"kind":"Name","value":"removedCount"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}}]}}]}}]} as unknown as DocumentNode<SyncWhatsAppTemplatesMutation, SyncWhatsAppTemplatesMutationVariables>;
export const WhatsAppTemplateStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppTemplateStatusChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppTemplateStatusChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"template"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<WhatsAppTemplateStatusChangedSubscription, WhatsAppTemplateStatusChangedSubscriptionVariables>;
export const CredentialQualityWarningsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CredentialQualityWarnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"warningMessage"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qualityRating"}},{"kind":"Field","name":{"kind":"Name","value":"messagingLimit"}},{"kind":"Field","name":{"kind":"Name","value":"qualityFlagged"}}]}}]}}]}}]} as unknown as DocumentNode<CredentialQualityWarningsSubscription, CredentialQualityWarningsSubscriptionVariables>;
export const MyCredentialWebhooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCredentialWebhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrl"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"routing"}},{"kind":"Field","name":{"kind":"Name","value":"configuredAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeliveryAt"}},{"kind":"Field","name":{"kind":"Name","value":"subscribedFields"}},{"kind":"Field","name":{"kind":"Name","value":"fieldsNote"}}]}}]}}]}}]} as unknown as DocumentNode<MyCredentialWebhooksQuery, MyCredentialWebhooksQueryVariables>;
export const ReconfigureWhatsAppWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReconfigureWhatsAppWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reconfigureWhatsAppWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"routing"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrl"}}]}}]}}]} as unknown as DocumentNode<ReconfigureWhatsAppWebhookMutation, ReconfigureWhatsAppWebhookMutationVariables>;
export const WhatsAppMarketingSuppressionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatsAppMarketingSuppressions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppSuppressions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerWaId"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"marketingOnly"}}]}}]}}]} as unknown as DocumentNode<WhatsAppMarketingSuppressionsQuery, WhatsAppMarketingSuppressionsQueryVariables>;
export const WhatsAppCallChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppCallChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsAppCallChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"callId"}},{"kind":"Field","name":{"kind":"Name","value":"customerWaId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"lastEvent"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}}]}}]}}]} as unknown as DocumentNode<WhatsAppCallChangedSubscription, WhatsAppCallChangedSubscriptionVariables>;
export const RetryWhatsAppInboundDeadLetterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryWhatsAppInboundDeadLetter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryWhatsAppInboundDeadLetter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"retriedAt"}}]}}]}}]} as unknown as DocumentNode<RetryWhatsAppInboundDeadLetterMutation, RetryWhatsAppInboundDeadLetterMutationVariables>;