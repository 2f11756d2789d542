/**
 * Every `extensions.code` a client of this subgraph can see. This enum is public API: add members with
 * intention, never rename or reuse one.
 */
export enum ErrorCode {
  /** No token, or a token that failed verification. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** Authenticated, but the caller's role does not allow the operation. */
  Forbidden = 'FORBIDDEN',
  /** The object does not exist or belongs to someone else (the two are never told apart). */
  NotFound = 'NOT_FOUND',
  /** The input failed validation; `extensions.field` names the offending field when there is one. */
  BadUserInput = 'BAD_USER_INPUT',
  /** The request conflicts with existing state (for example a phone number already connected). */
  Conflict = 'CONFLICT',
  /** Too many requests; `extensions.retryAfterSeconds` says when to try again. */
  RateLimited = 'RATE_LIMITED',
  /** The query is too deep or too expensive. */
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  /** Meta rejected the WhatsApp credential (invalid or expired token, missing permission, wrong account). */
  CredentialRejected = 'CREDENTIAL_REJECTED',
  /** The credential exists but is not usable right now (invalid, expired, suspended, circuit open). */
  CredentialUnavailable = 'CREDENTIAL_UNAVAILABLE',
  /** WhatsApp refused the operation for a reason the caller can act on (window closed, template paused, ...). */
  WhatsAppRejected = 'WHATSAPP_REJECTED',
  /**
   * The customer opted out of messages from this phone number (wrote STOP, WhatsApp reported error 131050,
   * or the owner added them): nothing was sent. Sends resume once they write START or the entry is removed.
   */
  RecipientOptedOut = 'RECIPIENT_OPTED_OUT',
  /** A media file is larger than WhatsApp accepts for its type, or than this plugin serves or uploads. */
  MediaTooLarge = 'MEDIA_TOO_LARGE',
  /** A media file's MIME type is not one WhatsApp accepts for that kind of message. */
  MediaTypeUnsupported = 'MEDIA_TYPE_UNSUPPORTED',
  /**
   * The template is not APPROVED in that language (or the number's synced templates have no such one):
   * nothing was sent to WhatsApp.
   */
  TemplateNotApproved = 'TEMPLATE_NOT_APPROVED',
  /**
   * A template send's parameters do not match the template (count per component, named vs positional,
   * header format, button parameters): nothing was sent to WhatsApp. `extensions.field` names the part.
   */
  TemplateParametersInvalid = 'TEMPLATE_PARAMETERS_INVALID',
  /** The platform's shared WhatsApp credentials are deprecated or retired: they take no new use. */
  PlatformCredentialsDeprecated = 'PLATFORM_CREDENTIALS_DEPRECATED',
  /** A dependency (Meta, Vault, the database) is unreachable; the operation changed nothing and may be retried. */
  DependencyUnavailable = 'DEPENDENCY_UNAVAILABLE',
  /** The request is not valid GraphQL (Apollo's own code, kept for client compatibility). */
  GraphqlParseFailed = 'GRAPHQL_PARSE_FAILED',
  /** The operation does not validate against the schema (Apollo's own code). */
  GraphqlValidationFailed = 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request is malformed (Apollo's own code). */
  BadRequest = 'BAD_REQUEST',
  /** The operation name matches no operation in the document (Apollo's own code). */
  OperationResolutionFailure = 'OPERATION_RESOLUTION_FAILURE',
  /** Persisted queries are not enabled here (Apollo's own code). */
  PersistedQueryNotSupported = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /**
   * A subscription's reader fell too far behind the events for it, so the subscription was ended.
   * Subscribe again, then read what was missed from the message history.
   */
  SubscriptionOverflow = 'SUBSCRIPTION_OVERFLOW',
  /** Anything unexpected. Details are logged with the request id, never returned. */
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Whether a stored or received string is one of the codes (older rows may hold others). */
export function isErrorCode(value: string): value is ErrorCode {
  return ERROR_CODES.has(value);
}
