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
  id: Scalars['ID']['output'];
  /** The agent's WhatsApp configuration; null when WhatsApp is not enabled (or the agent is not yours). */
  whatsapp?: Maybe<AgentWhatsAppConfig>;
};

/** An agent's WhatsApp configuration. */
export type AgentWhatsAppConfig = {
  __typename?: 'AgentWhatsAppConfig';
  agentId: Scalars['ID']['output'];
  autoReply: Scalars['Boolean']['output'];
  businessHours?: Maybe<BusinessHours>;
  /** The thread with one customer, with its 24-hour window. */
  conversation?: Maybe<WhatsAppConversation>;
  createdAt: Scalars['DateTimeISO']['output'];
  credentialId: Scalars['ID']['output'];
  enabled: Scalars['Boolean']['output'];
  fallbackMessage?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The agent's messages, newest first; only one customer's with `customer`. */
  messages: WhatsAppMessagePage;
  phoneNumberId: Scalars['String']['output'];
  /** Credential health, webhook routing, activity and the 24-hour windows. */
  status: AgentWhatsAppStatus;
  updatedAt: Scalars['DateTimeISO']['output'];
  userId: Scalars['ID']['output'];
  welcomeMessage?: Maybe<Scalars['String']['output']>;
};


/** An agent's WhatsApp configuration. */
export type AgentWhatsAppConfigConversationArgs = {
  customer: Scalars['String']['input'];
};


/** An agent's WhatsApp configuration. */
export type AgentWhatsAppConfigMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  customer?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** Whether the agent can talk on WhatsApp right now, and why not. */
export type AgentWhatsAppStatus = {
  __typename?: 'AgentWhatsAppStatus';
  /** Last health check of the credential. */
  credentialCheckedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  credentialStatus: CredentialStatus;
  credentialStatusReason: CredentialStatusReason;
  /** The latest message from any customer. */
  lastInboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The latest message sent to any customer. */
  lastOutboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Customers whose 24-hour window is open now. */
  openWindows: Scalars['Int']['output'];
  /** Meta quality rating of the phone number. */
  qualityRating?: Maybe<Scalars['String']['output']>;
  /** Enabled, credential ACTIVE and webhooks routed here: customers reach the agent. */
  ready: Scalars['Boolean']['output'];
  webhookRouting?: Maybe<WebhookRouting>;
  /** Null when the credential has no webhook endpoint yet. */
  webhookStatus?: Maybe<WebhookStatus>;
  webhookVerifiedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the last open window closes; null when none is open. */
  windowClosesAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** At least one customer's 24-hour window is open: free-form messages can go to them. */
  windowOpen: Scalars['Boolean']['output'];
};

/** When an agent answers on WhatsApp; outside these hours the fallback message is sent. */
export type BusinessHours = {
  __typename?: 'BusinessHours';
  /** Off: the agent answers at any time. */
  enabled: Scalars['Boolean']['output'];
  schedule: Array<BusinessHoursSpan>;
  /** An IANA timezone, e.g. Europe/Lisbon; spans are local wall-clock times there (DST included). */
  timezone: Scalars['String']['output'];
};

export type BusinessHoursInput = {
  /** Off: the agent answers at any time. */
  enabled: Scalars['Boolean']['input'];
  schedule: Array<BusinessHoursSpanInput>;
  /** An IANA timezone, e.g. Europe/Lisbon; spans are local wall-clock times there (DST included). */
  timezone: Scalars['String']['input'];
};

/** One opening span on a weekday, in the schedule's timezone. */
export type BusinessHoursSpan = {
  __typename?: 'BusinessHoursSpan';
  /** The weekday the span starts on. */
  day: Weekday;
  /** HH:MM (24:00 = midnight at the end of the day); an end before the start spans midnight. */
  end: Scalars['String']['output'];
  /** HH:MM, 24-hour clock, local time. */
  start: Scalars['String']['output'];
};

export type BusinessHoursSpanInput = {
  /** The weekday the span starts on. */
  day: Weekday;
  /** HH:MM (24:00 = midnight at the end of the day); an end before the start spans midnight. */
  end: Scalars['String']['input'];
  /** HH:MM, 24-hour clock, local time. */
  start: Scalars['String']['input'];
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

export type EnableAgentWhatsAppInput = {
  /** The host's agent id. The host only shows users their own agents; the caller becomes the owner. */
  agentId: Scalars['ID']['input'];
  /** Answer customers through the agent runtime (and send welcome/fallback messages). */
  autoReply?: Scalars['Boolean']['input'];
  businessHours?: InputMaybe<BusinessHoursInput>;
  /** One of your credentials: the agent answers on its phone number. */
  credentialId: Scalars['ID']['input'];
  /** Sent outside business hours, once per closed period; at most 4,096 characters. */
  fallbackMessage?: InputMaybe<Scalars['String']['input']>;
  /** Sent on a customer's first message; at most 4,096 characters. */
  welcomeMessage?: InputMaybe<Scalars['String']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Removes the agent's WhatsApp configuration and frees its phone number; returns the agent id. */
  disableAgentWhatsApp: Scalars['ID']['output'];
  /** Puts one of my agents on one of my phone numbers. */
  enableAgentWhatsApp: AgentWhatsAppConfig;
  /** Marks a received message (and every earlier one of its thread) as read for the customer. */
  markWhatsAppMessageRead: WhatsAppMessage;
  /** Sends a WhatsApp message from an agent's (or a credential's) phone number. Free-form content needs the customer's 24-hour window to be open; outside it only a template is sent. Repeating the same idempotencyKey never sends twice. */
  sendWhatsAppMessage: WhatsAppMessage;
  /** Changes an agent's WhatsApp settings (auto-reply, messages, business hours, pause). */
  updateAgentWhatsApp: AgentWhatsAppConfig;
};


export type MutationDisableAgentWhatsAppArgs = {
  agentId: Scalars['ID']['input'];
};


export type MutationEnableAgentWhatsAppArgs = {
  input: EnableAgentWhatsAppInput;
};


export type MutationMarkWhatsAppMessageReadArgs = {
  messageId: Scalars['ID']['input'];
  typingIndicator?: Scalars['Boolean']['input'];
};


export type MutationSendWhatsAppMessageArgs = {
  input: SendWhatsAppMessageInput;
};


export type MutationUpdateAgentWhatsAppArgs = {
  agentId: Scalars['ID']['input'];
  input: UpdateAgentWhatsAppInput;
};

export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  /** One of my agents' WhatsApp configuration; NOT_FOUND for anyone else's. */
  agentWhatsApp: AgentWhatsAppConfig;
  /** One of my credentials; NOT_FOUND for anyone else's. */
  whatsappCredential: WhatsAppCredential;
  /** My connected WhatsApp credentials, newest first. */
  whatsappCredentials: Array<WhatsAppCredential>;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


export type QueryAgentWhatsAppArgs = {
  agentId: Scalars['ID']['input'];
};


export type QueryWhatsappCredentialArgs = {
  id: Scalars['ID']['input'];
};

export type SendWhatsAppMessageInput = {
  /** Send as this agent, from its phone number. Give this or credentialId. */
  agentId?: InputMaybe<Scalars['ID']['input']>;
  audio?: InputMaybe<WhatsAppMediaInput>;
  buttons?: InputMaybe<WhatsAppButtonsInput>;
  /** Send from this credential's phone number. Give this or agentId. */
  credentialId?: InputMaybe<Scalars['ID']['input']>;
  document?: InputMaybe<WhatsAppMediaInput>;
  /** Your key for this send, unique per phone number (1-128 of A-Z a-z 0-9 _ . -). Repeating a send with the same key never sends twice: it returns the stored message. */
  idempotencyKey: Scalars['String']['input'];
  image?: InputMaybe<WhatsAppMediaInput>;
  list?: InputMaybe<WhatsAppListInput>;
  reaction?: InputMaybe<WhatsAppReactionInput>;
  /** Quote this message (our id) of the same conversation. Not for reactions. */
  replyToMessageId?: InputMaybe<Scalars['ID']['input']>;
  template?: InputMaybe<WhatsAppTemplateInput>;
  text?: InputMaybe<WhatsAppTextInput>;
  /** The customer: +<country code><number> (E.164), or a business-scoped user id. */
  to: Scalars['String']['input'];
  video?: InputMaybe<WhatsAppMediaInput>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Status changes of my credentials, as they happen. */
  credentialHealthChanged: CredentialHealthEvent;
  /** Messages customers send to one of my agents, as they arrive (on any plugin instance). */
  whatsappMessageReceived: WhatsAppMessage;
  /** Delivery-status changes (sent, delivered, read, failed) of one of my agents' messages, with the message as it is now. */
  whatsappMessageStatusChanged: WhatsAppMessage;
};


export type SubscriptionWhatsappMessageReceivedArgs = {
  agentId: Scalars['ID']['input'];
};


export type SubscriptionWhatsappMessageStatusChangedArgs = {
  agentId: Scalars['ID']['input'];
};

/** Omitted fields keep their value; null clears a message or the business hours. */
export type UpdateAgentWhatsAppInput = {
  autoReply?: InputMaybe<Scalars['Boolean']['input']>;
  businessHours?: InputMaybe<BusinessHoursInput>;
  /** Off pauses the agent on WhatsApp: inbound messages are stored, nothing is answered. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  fallbackMessage?: InputMaybe<Scalars['String']['input']>;
  welcomeMessage?: InputMaybe<Scalars['String']['input']>;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's WhatsApp credentials (theirs or an admin's view). */
  whatsappCredentials: Array<WhatsAppCredential>;
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

export type Weekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'WEDNESDAY';

/** An interactive message with 1 to 3 reply buttons. */
export type WhatsAppButtonsInput = {
  /** At most 1,024 characters. */
  body: Scalars['String']['input'];
  buttons: Array<WhatsAppReplyButtonInput>;
  /** At most 60 characters. */
  footer?: InputMaybe<Scalars['String']['input']>;
  /** A text header, at most 60 characters. */
  header?: InputMaybe<Scalars['String']['input']>;
};

/** A customer's WhatsApp thread with one phone number. */
export type WhatsAppConversation = {
  __typename?: 'WhatsAppConversation';
  agentId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  customerName?: Maybe<Scalars['String']['output']>;
  /** The customer's WhatsApp id (digits, or a business-scoped user id). */
  customerWaId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Opens the 24-hour customer-service window. */
  lastInboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  lastOutboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  phoneNumberId: Scalars['String']['output'];
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

export type WhatsAppCurrencyInput = {
  /** The amount times 1,000. */
  amount1000: Scalars['Int']['input'];
  /** ISO 4217 code, e.g. EUR. */
  code: Scalars['String']['input'];
  fallbackValue: Scalars['String']['input'];
};

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
  sections: Array<WhatsAppListSectionInput>;
};

export type WhatsAppListRowInput = {
  /** At most 72 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Unique across the list, at most 200 characters. */
  id: Scalars['String']['input'];
  /** At most 24 characters. */
  title: Scalars['String']['input'];
};

export type WhatsAppListSectionInput = {
  rows: Array<WhatsAppListRowInput>;
  /** At most 24 characters; required when the list has several sections. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Media by link (Meta fetches it; https recommended). */
export type WhatsAppMediaInput = {
  /** Image, video and document only; at most 1,024 characters. */
  caption?: InputMaybe<Scalars['String']['input']>;
  /** Document only; the file name shown to the customer. */
  filename?: InputMaybe<Scalars['String']['input']>;
  link: Scalars['String']['input'];
};

/** A WhatsApp message in the history. */
export type WhatsAppMessage = {
  __typename?: 'WhatsAppMessage';
  agentId?: Maybe<Scalars['ID']['output']>;
  content: Scalars['JSONObject']['output'];
  conversationId: Scalars['ID']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  credentialId: Scalars['ID']['output'];
  direction: WhatsAppMessageDirection;
  errorCode?: Maybe<Scalars['Int']['output']>;
  errorTitle?: Maybe<Scalars['String']['output']>;
  fromPhone: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** text, image, template, interactive, … or the unknown type exactly as Meta named it. */
  messageType: Scalars['String']['output'];
  replyToMessageId?: Maybe<Scalars['String']['output']>;
  status: WhatsAppMessageStatus;
  statusAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When WhatsApp says the message was sent or received. */
  timestamp: Scalars['DateTimeISO']['output'];
  toPhone: Scalars['String']['output'];
  userId: Scalars['ID']['output'];
  whatsappMessageId?: Maybe<Scalars['String']['output']>;
};

export type WhatsAppMessageDirection =
  | 'INBOUND'
  | 'OUTBOUND';

/** Messages, newest first. */
export type WhatsAppMessagePage = {
  __typename?: 'WhatsAppMessagePage';
  nodes: Array<WhatsAppMessage>;
  pageInfo: WhatsAppPageInfo;
};

export type WhatsAppMessageStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING'
  | 'PLAYED'
  | 'READ'
  | 'RECEIVED'
  | 'SENT';

export type WhatsAppPageInfo = {
  __typename?: 'WhatsAppPageInfo';
  /** Pass as `after` for the next (older) page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type WhatsAppReactionInput = {
  /** One emoji; the empty string removes the reaction. */
  emoji: Scalars['String']['input'];
  /** The message (our id) to react to; it must be in the same conversation. */
  messageId: Scalars['ID']['input'];
};

export type WhatsAppReplyButtonInput = {
  /** Returned in the customer's button reply; unique, at most 256 characters. */
  id: Scalars['String']['input'];
  /** At most 20 characters. */
  title: Scalars['String']['input'];
};

export type WhatsAppTemplateButtonSubType =
  | 'COPY_CODE'
  | 'QUICK_REPLY'
  | 'URL';

export type WhatsAppTemplateComponentInput = {
  /** The button's position (0-9); required for BUTTON components. */
  index?: InputMaybe<Scalars['Int']['input']>;
  parameters?: Array<WhatsAppTemplateParameterInput>;
  /** Required for BUTTON components. */
  subType?: InputMaybe<WhatsAppTemplateButtonSubType>;
  type: WhatsAppTemplateComponentType;
};

export type WhatsAppTemplateComponentType =
  | 'BODY'
  | 'BUTTON'
  | 'HEADER';

/** An approved template: the only content allowed outside the 24-hour window. */
export type WhatsAppTemplateInput = {
  components?: Array<WhatsAppTemplateComponentInput>;
  /** The approved translation, e.g. en_US or pt_BR. */
  languageCode: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

/** One template parameter; fill the field its type names. */
export type WhatsAppTemplateParameterInput = {
  /** COUPON_CODE of a copy-code button. */
  couponCode?: InputMaybe<Scalars['String']['input']>;
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
  type: WhatsAppTemplateParameterType;
};

export type WhatsAppTemplateParameterType =
  | 'COUPON_CODE'
  | 'CURRENCY'
  | 'DATE_TIME'
  | 'DOCUMENT'
  | 'IMAGE'
  | 'PAYLOAD'
  | 'TEXT'
  | 'VIDEO';

export type WhatsAppTextInput = {
  /** 1 to 4,096 characters. */
  body: Scalars['String']['input'];
  /** Show a preview of the first URL in the body. */
  previewUrl?: Scalars['Boolean']['input'];
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

export type AgentConfigFieldsFragment = { __typename?: 'AgentWhatsAppConfig', id: string, agentId: string, userId: string, credentialId: string, phoneNumberId: string, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'BusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'BusinessHoursSpan', day: Weekday, start: string, end: string }> } | null };

export type MessageFieldsFragment = { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsappMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string };

export type EnableAgentWhatsAppMutationVariables = Exact<{
  input: EnableAgentWhatsAppInput;
}>;


export type EnableAgentWhatsAppMutation = { __typename?: 'Mutation', enableAgentWhatsApp: { __typename?: 'AgentWhatsAppConfig', id: string, agentId: string, userId: string, credentialId: string, phoneNumberId: string, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'BusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'BusinessHoursSpan', day: Weekday, start: string, end: string }> } | null } };

export type UpdateAgentWhatsAppMutationVariables = Exact<{
  agentId: Scalars['ID']['input'];
  input: UpdateAgentWhatsAppInput;
}>;


export type UpdateAgentWhatsAppMutation = { __typename?: 'Mutation', updateAgentWhatsApp: { __typename?: 'AgentWhatsAppConfig', id: string, agentId: string, userId: string, credentialId: string, phoneNumberId: string, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'BusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'BusinessHoursSpan', day: Weekday, start: string, end: string }> } | null } };

export type DisableAgentWhatsAppMutationVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type DisableAgentWhatsAppMutation = { __typename?: 'Mutation', disableAgentWhatsApp: string };

export type AgentWhatsAppQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type AgentWhatsAppQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'AgentWhatsAppConfig', id: string, agentId: string, userId: string, credentialId: string, phoneNumberId: string, enabled: boolean, autoReply: boolean, welcomeMessage?: string | null, fallbackMessage?: string | null, businessHours?: { __typename?: 'BusinessHours', enabled: boolean, timezone: string, schedule: Array<{ __typename?: 'BusinessHoursSpan', day: Weekday, start: string, end: string }> } | null } };

export type AgentWhatsAppStatusQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type AgentWhatsAppStatusQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'AgentWhatsAppConfig', agentId: string, status: { __typename?: 'AgentWhatsAppStatus', ready: boolean, credentialStatus: CredentialStatus, credentialStatusReason: CredentialStatusReason, webhookStatus?: WebhookStatus | null, webhookRouting?: WebhookRouting | null, lastInboundAt?: string | null, lastOutboundAt?: string | null, windowOpen: boolean, openWindows: number, windowClosesAt?: string | null } } };

export type AgentMessagesQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
  customer?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AgentMessagesQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'AgentWhatsAppConfig', messages: { __typename?: 'WhatsAppMessagePage', nodes: Array<{ __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsappMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string }>, pageInfo: { __typename?: 'WhatsAppPageInfo', hasNextPage: boolean, endCursor?: string | null } } } };

export type AgentConversationQueryVariables = Exact<{
  agentId: Scalars['ID']['input'];
  customer: Scalars['String']['input'];
}>;


export type AgentConversationQuery = { __typename?: 'Query', agentWhatsApp: { __typename?: 'AgentWhatsAppConfig', conversation?: { __typename?: 'WhatsAppConversation', id: string, customerWaId: string, lastInboundAt?: string | null, lastOutboundAt?: string | null, windowOpen: boolean, windowClosesAt?: string | null } | null } };

export type SendWhatsAppMessageMutationVariables = Exact<{
  input: SendWhatsAppMessageInput;
}>;


export type SendWhatsAppMessageMutation = { __typename?: 'Mutation', sendWhatsAppMessage: { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsappMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string } };

export type MarkWhatsAppMessageReadMutationVariables = Exact<{
  messageId: Scalars['ID']['input'];
  typingIndicator?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type MarkWhatsAppMessageReadMutation = { __typename?: 'Mutation', markWhatsAppMessageRead: { __typename?: 'WhatsAppMessage', id: string, status: WhatsAppMessageStatus } };

export type WhatsAppMessageReceivedSubscriptionVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type WhatsAppMessageReceivedSubscription = { __typename?: 'Subscription', whatsappMessageReceived: { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsappMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string } };

export type WhatsAppMessageStatusChangedSubscriptionVariables = Exact<{
  agentId: Scalars['ID']['input'];
}>;


export type WhatsAppMessageStatusChangedSubscription = { __typename?: 'Subscription', whatsappMessageStatusChanged: { __typename?: 'WhatsAppMessage', id: string, agentId?: string | null, conversationId: string, credentialId: string, direction: WhatsAppMessageDirection, messageType: string, content: Record<string, unknown>, status: WhatsAppMessageStatus, whatsappMessageId?: string | null, fromPhone: string, toPhone: string, errorCode?: number | null, errorTitle?: string | null, replyToMessageId?: string | null, timestamp: string } };

export type MyCredentialsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCredentialsQuery = { __typename?: 'Query', whatsappCredentials: Array<{ __typename?: 'WhatsAppCredential', id: string, phoneNumber: string, displayName: string, status: CredentialStatus, statusReason: CredentialStatusReason, accessTokenHint: string }> };

export type CredentialHealthChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CredentialHealthChangedSubscription = { __typename?: 'Subscription', credentialHealthChanged: { __typename?: 'CredentialHealthEvent', credentialId: string, previousStatus: CredentialStatus, status: CredentialStatus, reason: CredentialStatusReason } };

export const AgentConfigFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgentWhatsAppConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<AgentConfigFieldsFragment, unknown>;
export const MessageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsappMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<MessageFieldsFragment, unknown>;
export const EnableAgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableAgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnableAgentWhatsAppInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgentConfigFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgentWhatsAppConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<EnableAgentWhatsAppMutation, EnableAgentWhatsAppMutationVariables>;
export const UpdateAgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAgentWhatsAppInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgentConfigFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgentWhatsAppConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateAgentWhatsAppMutation, UpdateAgentWhatsAppMutationVariables>;
export const DisableAgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableAgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableAgentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}]}]}}]} as unknown as DocumentNode<DisableAgentWhatsAppMutation, DisableAgentWhatsAppMutationVariables>;
export const AgentWhatsAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentWhatsApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgentConfigFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgentConfigFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgentWhatsAppConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"autoReply"}},{"kind":"Field","name":{"kind":"Name","value":"welcomeMessage"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackMessage"}},{"kind":"Field","name":{"kind":"Name","value":"businessHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<AgentWhatsAppQuery, AgentWhatsAppQueryVariables>;
export const AgentWhatsAppStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentWhatsAppStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ready"}},{"kind":"Field","name":{"kind":"Name","value":"credentialStatus"}},{"kind":"Field","name":{"kind":"Name","value":"credentialStatusReason"}},{"kind":"Field","name":{"kind":"Name","value":"webhookStatus"}},{"kind":"Field","name":{"kind":"Name","value":"webhookRouting"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastOutboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"openWindows"}},{"kind":"Field","name":{"kind":"Name","value":"windowClosesAt"}}]}}]}}]}}]} as unknown as DocumentNode<AgentWhatsAppStatusQuery, AgentWhatsAppStatusQueryVariables>;
export const AgentMessagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentMessages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customer"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsappMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<AgentMessagesQuery, AgentMessagesQueryVariables>;
export const AgentConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customer"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentWhatsApp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customer"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerWaId"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastOutboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"windowClosesAt"}}]}}]}}]}}]} as unknown as DocumentNode<AgentConversationQuery, AgentConversationQueryVariables>;
export const SendWhatsAppMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendWhatsAppMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendWhatsAppMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendWhatsAppMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsappMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<SendWhatsAppMessageMutation, SendWhatsAppMessageMutationVariables>;
export const MarkWhatsAppMessageReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkWhatsAppMessageRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"typingIndicator"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markWhatsAppMessageRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"messageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}}},{"kind":"Argument","name":{"kind":"Name","value":"typingIndicator"},"value":{"kind":"Variable","name":{"kind":"Name","value":"typingIndicator"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<MarkWhatsAppMessageReadMutation, MarkWhatsAppMessageReadMutationVariables>;
export const WhatsAppMessageReceivedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppMessageReceived"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsappMessageReceived"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsappMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<WhatsAppMessageReceivedSubscription, WhatsAppMessageReceivedSubscriptionVariables>;
export const WhatsAppMessageStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WhatsAppMessageStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsappMessageStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WhatsAppMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"whatsappMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"fromPhone"}},{"kind":"Field","name":{"kind":"Name","value":"toPhone"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorTitle"}},{"kind":"Field","name":{"kind":"Name","value":"replyToMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]} as unknown as DocumentNode<WhatsAppMessageStatusChangedSubscription, WhatsAppMessageStatusChangedSubscriptionVariables>;
export const MyCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"whatsappCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenHint"}}]}}]}}]} as unknown as DocumentNode<MyCredentialsQuery, MyCredentialsQueryVariables>;
export const CredentialHealthChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CredentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialHealthChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CredentialHealthChangedSubscription, CredentialHealthChangedSubscriptionVariables>;