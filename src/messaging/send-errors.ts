import { ErrorCode, PublicError } from '../platform/errors';
import {
  GraphApiError,
  GraphApiUnavailableError,
  GraphRequestValidationError,
  isCredentialFailureCode,
  type GraphErrorKind,
} from '../adapters/whatsapp';
import type { ServiceWindow } from './customer-window';

/**
 * How a failed Graph call ends for the caller and for the stored message. Meta's answer decides: an error
 * body means Meta did not accept the message; no answer may mean it did.
 */
export type SendFailure =
  /** Meta refused it for good (window, template, recipient, credential...): stored as FAILED with the code. */
  | { kind: 'rejected'; error: PublicError; errorCode: number; errorTitle: string }
  /** Nothing reached a customer and the same send may simply be repeated: the message is not kept. */
  | { kind: 'retryable'; error: PublicError }
  /** No answer: Meta may have accepted it. Stored as FAILED so the same key can never send it again. */
  | { kind: 'unknown'; error: PublicError; errorTitle: string };

// Connection never established: the request did not leave this process.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

const RETRY_AFTER_SECONDS: Partial<Record<GraphErrorKind, number>> = {
  throughput_limited: 1,
  // Meta suggests waiting 4^X seconds for the pair rate limit of one message per 6 s
  // (docs/whatsapp-cloud-api.md §6.3).
  pair_rate_limited: 6,
  rate_limited: 60,
};

export function windowClosedError(window: ServiceWindow): PublicError {
  const since = window.closesAt ? `closed at ${window.closesAt.toISOString()}` : 'was never opened: the customer has not written yet';
  return new PublicError(
    ErrorCode.WhatsAppRejected,
    `The 24-hour customer-service window with this customer ${since}. Only a template message can be sent.`,
    { reason: '131047' },
  );
}

export function optedOutError(): PublicError {
  return new PublicError(
    ErrorCode.RecipientOptedOut,
    'This customer opted out of messages from this phone number; nothing was sent. Sends resume when they write START or the opt-out is removed.',
  );
}

export function marketingOptedOutError(): PublicError {
  return new PublicError(
    ErrorCode.RecipientOptedOut,
    'This customer stopped marketing messages from this business in WhatsApp; no marketing template was sent. Other messages still go, and marketing resumes when they turn it back on.',
  );
}

/** Meta's code for a customer who stopped messages from the business: the same refusal as our own list. */
const OPTED_OUT_AT_META = 131050;

export function credentialUnavailableError(status: string, reason: string): PublicError {
  return new PublicError(
    ErrorCode.CredentialUnavailable,
    `This phone number's credential is ${status.toUpperCase()} (${reason.toUpperCase()}); fix it before sending.`,
    { reason: reason.toUpperCase() },
  );
}

function describe(error: GraphApiError): string {
  const text = `${error.kind.replace(/_/g, ' ')} (code ${error.graphCode})${error.details ? `: ${error.details}` : ''}`;
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

export function isOptedOutAtMeta(failure: SendFailure | null): boolean {
  return failure?.kind === 'rejected' && failure.errorCode === OPTED_OUT_AT_META;
}

export function classifySendFailure(error: unknown): SendFailure | null {
  if (error instanceof GraphApiError) {
    if (error.retryable) {
      const retryAfter = RETRY_AFTER_SECONDS[error.kind];
      return {
        kind: 'retryable',
        error:
          retryAfter === undefined
            ? PublicError.dependencyUnavailable('WhatsApp (Meta Graph API)')
            : new PublicError(ErrorCode.RateLimited, `WhatsApp is throttling this number (code ${error.graphCode}); nothing was sent. Retry in ${retryAfter} s.`, {
                retryAfterSeconds: retryAfter,
                reason: String(error.graphCode),
              }),
      };
    }
    const title = describe(error);
    const code = error.isCredentialFailure ? ErrorCode.CredentialRejected : error.graphCode === OPTED_OUT_AT_META ? ErrorCode.RecipientOptedOut : ErrorCode.WhatsAppRejected;
    const subject = error.isCredentialFailure ? 'Meta rejected this phone number\'s credential' : 'WhatsApp refused the message';
    return {
      kind: 'rejected',
      error: new PublicError(code, `${subject}: ${title}.`, { reason: String(error.graphCode) }),
      errorCode: error.graphCode,
      errorTitle: title,
    };
  }
  if (error instanceof GraphRequestValidationError) {
    return { kind: 'retryable', error: PublicError.badInput(`input.${error.field}`, error.message) };
  }
  if (error instanceof GraphApiUnavailableError) {
    const notConnected = error.reason === 'http_status' || (error.causeCode !== undefined && NOT_CONNECTED.has(error.causeCode));
    if (notConnected) return { kind: 'retryable', error: PublicError.dependencyUnavailable('WhatsApp (Meta Graph API)') };
    return { kind: 'unknown', error: outcomeUnknownError(), errorTitle: `no answer from WhatsApp (${error.reason})` };
  }
  return null;
}

function outcomeUnknownError(): PublicError {
  return new PublicError(
    ErrorCode.DependencyUnavailable,
    'WhatsApp did not answer in time: the message may or may not have been delivered. It is kept as FAILED; check the history before sending it again with a new idempotency key.',
    { reason: 'OUTCOME_UNKNOWN' },
  );
}

/** The error a repeated send gets for a message that failed the first time: the same one. */
export function storedFailureError(errorCode: number | null, errorTitle: string | null): PublicError {
  if (errorCode === null) return outcomeUnknownError();
  const credentialFailure = isCredentialFailureCode(errorCode);
  const code = credentialFailure ? ErrorCode.CredentialRejected : errorCode === OPTED_OUT_AT_META ? ErrorCode.RecipientOptedOut : ErrorCode.WhatsAppRejected;
  const subject = credentialFailure ? 'Meta rejected this phone number\'s credential' : 'WhatsApp refused the message';
  return new PublicError(code, `${subject}: ${errorTitle ?? `code ${errorCode}`}.`, { reason: String(errorCode) });
}
