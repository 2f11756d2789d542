import { registerEnumType } from 'type-graphql';
import { ErrorCode } from './error-code';

/**
 * What each code means to a client: when it happens and what to do about it. A `Record` over the enum,
 * so a new code does not compile until it is described here (and so in the schema).
 */
const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  [ErrorCode.Unauthenticated]:
    'No bearer token, or one that failed verification (expired, wrong issuer or audience, bad signature); also a subscription opened without one. Get a fresh token from the host and retry; the same token fails again.',
  [ErrorCode.Forbidden]:
    'Authenticated, but the caller\'s role does not allow the operation (an administrator-only field, erasure by anyone but the host, introspection from outside the gateway). Do not retry; hide the action from this user.',
  [ErrorCode.NotFound]:
    'The object does not exist or belongs to someone else; the two are never told apart. Refresh the list the id came from; retrying the same id fails again.',
  [ErrorCode.BadUserInput]:
    'An argument or input field failed validation; `extensions.field` names it when there is one. Show the message next to that field and resend once the input is fixed.',
  [ErrorCode.Conflict]:
    'The request conflicts with the current state: a phone number already connected, an agent already enabled, an idempotency key reused for a different message, a run already in progress. Reload the state the message names, resolve it, then retry.',
  [ErrorCode.RateLimited]:
    'Too many requests for this user or number, by our limits or by WhatsApp\'s throttling; nothing was done. Wait `extensions.retryAfterSeconds`, then retry.',
  [ErrorCode.QueryTooComplex]:
    'The operation is too deep or too costly, or asks for too many entities, aliases, directives or tokens. Split it into smaller operations; the same operation always fails.',
  [ErrorCode.CredentialRejected]:
    'Meta rejected the WhatsApp credential: invalid or expired token, missing permission, wrong business account, app secret not matching, unknown phone number id. `extensions.reason` names the cause and `extensions.field` the input. Fix the credential at Meta, then connect or update it again.',
  [ErrorCode.CredentialUnavailable]:
    'The credential exists but cannot be used now: invalid, expired, suspended, its secrets unreadable, or calls paused while Meta keeps failing for the number (`extensions.reason` says which). Retry after `extensions.retryAfterSeconds` when calls are paused; otherwise the owner revalidates or updates the credential, or an administrator reinstates it.',
  [ErrorCode.WhatsAppRejected]:
    'WhatsApp refused the operation for a reason the caller can act on (customer service window closed, template paused or not approved, recipient unable to receive); `extensions.reason` carries Meta\'s error code. Do not resend unchanged: for a closed window, send an approved template instead.',
  [ErrorCode.RecipientOptedOut]:
    'The customer opted out of messages from this number (wrote STOP, Meta refused with 131050, or the owner added them); nothing was sent. `extensions.reason` is 131050 when Meta reported it. Do not retry: the customer must opt in again (write START) or the owner must remove the entry.',
  [ErrorCode.MediaTooLarge]:
    'A media file is larger than WhatsApp accepts for its kind (5 MB images, 16 MB audio and video, 100 MB documents, 500 KB stickers) or than MEDIA_MAX_BYTES; nothing was uploaded or sent. `extensions.maxBytes` is the limit. Compress or split the file, or send it as a document.',
  [ErrorCode.MediaTypeUnsupported]:
    'A media file\'s MIME type is not one WhatsApp accepts for its kind (WebP only as a sticker, say); nothing was uploaded or sent. `extensions.allowed` lists the accepted types. Convert the file or choose the kind that takes its type.',
  [ErrorCode.TemplateNotApproved]:
    'The template is not APPROVED in that language, or the number\'s synced templates have no template of that name and language; nothing was sent. `extensions.reason` is the template\'s status (or NOT_FOUND). Check `whatsAppTemplates`, run `syncWhatsAppTemplates` if it was approved moments ago, or send another template.',
  [ErrorCode.TemplateParametersInvalid]:
    'The parameters of a template send do not match the template: wrong count in a component, named parameters for a positional template (or the reverse), a header of the wrong format, or a missing or unexpected button parameter. Nothing was sent. `extensions.field` names the component. Rebuild the parameters from `whatsAppTemplates`.',
  [ErrorCode.PlatformCredentialsDeprecated]:
    'The platform\'s shared WhatsApp number is deprecated or retired and takes no new use. Connect your own WhatsApp credentials and move your agents to them with the migration wizard.',
  [ErrorCode.DependencyUnavailable]:
    'A dependency (Meta\'s Graph API, the key service, the database) was unreachable; the operation changed nothing. Retry with backoff. With `extensions.reason` OUTCOME_UNKNOWN a message may have been delivered: check the history before sending again with a new idempotency key.',
  [ErrorCode.GraphqlParseFailed]:
    'The document is not valid GraphQL (Apollo\'s own code). A client bug: fix the operation; retrying fails the same way.',
  [ErrorCode.GraphqlValidationFailed]:
    'The operation does not validate against the schema, such as an unknown field or a wrong argument type (Apollo\'s own code). Regenerate the client\'s operations against the current schema.',
  [ErrorCode.BadRequest]:
    'The HTTP request is malformed: the body is not JSON, the query is missing, or the method or content type is wrong (Apollo\'s own code). Fix the client\'s request.',
  [ErrorCode.OperationResolutionFailure]:
    'The operation name matches no operation in the document, or the document holds several and none was named (Apollo\'s own code). Send the right `operationName`.',
  [ErrorCode.PersistedQueryNotSupported]:
    'A persisted query hash came without the query, and this subgraph keeps no persisted queries (Apollo\'s own code). Send the full query text.',
  [ErrorCode.SubscriptionOverflow]:
    'A subscription\'s reader fell too far behind its events, so the subscription was ended. Subscribe again, then read what was missed from the message history.',
  [ErrorCode.InternalServerError]:
    'Anything unexpected; the details are logged with the request id, never returned. Retry once later; if it persists, report the time and the `x-request-id` response header to the operator.',
};

/**
 * The GraphQL side of ErrorCode. type-graphql names enum values after the TypeScript keys
 * (`NotFound`), while clients see the string values (`NOT_FOUND`) in `extensions.code`: this object
 * keys every code by its value, so the schema names the codes exactly as they appear on the wire.
 */
export const WhatsAppErrorCode = Object.fromEntries(Object.values(ErrorCode).map((code) => [code, code])) as Record<ErrorCode, ErrorCode>;

registerEnumType(WhatsAppErrorCode, {
  name: 'WhatsAppErrorCode',
  description:
    'Every `extensions.code` an error from the WhatsApp subgraph can carry. Branch on the code, never on the message; a code is never renamed or reused.',
  valuesConfig: Object.fromEntries(Object.values(ErrorCode).map((code) => [code, { description: ERROR_CODE_DESCRIPTIONS[code] }])),
});
