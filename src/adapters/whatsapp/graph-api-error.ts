import { z } from 'zod';
import { UNAVAILABLE_DEPENDENCY } from '../../platform/errors';

/**
 * Every failure of a Graph call leaves the WhatsApp boundary as one of the classes below. Meta says to act on
 * `code` (and `error_data.details`), never on the title or the HTTP status (docs/whatsapp-cloud-api.md §6.6),
 * so the classification is a pure function of the code and subcode.
 */
export type GraphErrorKind =
  | 'token_invalid'
  | 'token_expired'
  | 'permission_missing'
  | 'not_found'
  | 'invalid_parameter'
  | 'rate_limited'
  | 'pair_rate_limited'
  | 'throughput_limited'
  | 'window_closed'
  | 'integrity_restricted'
  | 'template_error'
  | 'recipient_error'
  | 'transient'
  | 'unknown';

export interface GraphErrorClassification {
  kind: GraphErrorKind;
  /** Retrying the same request later may succeed (with backoff); false means fix something first. */
  retryable: boolean;
  /** The credential itself is bad (docs/whatsapp-cloud-api.md §7.4): mark it invalid and stop retrying. */
  isCredentialFailure: boolean;
}

export interface GraphErrorInput {
  code: number;
  subcode?: number;
  /** Graph's own `is_transient` hint; only used for codes we do not know. */
  isTransient?: boolean;
  httpStatus?: number;
}

const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 613, 80007, 80008, 130429, 131000, 131016, 131056, 131057]);
// Graph's call-volume throttles: app (4), user (17), page (32), custom (613) and business use case
// (80007 WhatsApp Business, 80008 WhatsApp Business Management). Waiting for the window to pass fixes them.
const CALL_RATE_CODES = new Set([4, 17, 32, 613, 80007, 80008]);
const TEMPLATE_CODES = new Set([132000, 132001, 132005, 132007, 132012, 132015, 132016, 132068, 132069, 131063]);
const RECIPIENT_CODES = new Set([130403, 130472, 131021, 131026, 131030, 131049, 131050, 131062]);
const INVALID_PARAMETER_CODES = new Set([100, 2200, 131008, 131009, 131051, 131052, 131053]);
// Pywa's "integrity" group (docs/whatsapp-cloud-api.md §6.7): the WABA or number is restricted by policy.
const INTEGRITY_CODES = new Set([368, 130497, 131031]);
// Throttles where waiting seconds does not help: spam or messaging-limit violations, registration lockout.
const NON_RETRYABLE_RATE_CODES = new Set([131048, 131064, 133016]);

export function isCredentialFailureCode(code: number): boolean {
  // 104 ("an access token is required") is not in Meta's WhatsApp list but means the same thing.
  return code === 190 || code === 0 || code === 3 || code === 10 || code === 104 || code === 131005 || (code >= 200 && code <= 299);
}

function kindOf({ code, subcode, isTransient, httpStatus }: GraphErrorInput): GraphErrorKind {
  if (code === 190) return subcode === 463 ? 'token_expired' : 'token_invalid';
  if (code === 0 || code === 104) return 'token_invalid';
  if (isCredentialFailureCode(code)) return 'permission_missing';
  // 100/33: "does not exist, cannot be loaded due to missing permissions" (practitioners, §11.11); 33 alone:
  // the business phone number was deleted.
  if (code === 33 || (code === 100 && subcode === 33)) return 'not_found';
  if (code === 131047) return 'window_closed';
  if (code === 130429) return 'throughput_limited';
  if (code === 131056) return 'pair_rate_limited';
  if (CALL_RATE_CODES.has(code) || NON_RETRYABLE_RATE_CODES.has(code)) return 'rate_limited';
  if (INTEGRITY_CODES.has(code)) return 'integrity_restricted';
  if (TEMPLATE_CODES.has(code)) return 'template_error';
  if (RECIPIENT_CODES.has(code)) return 'recipient_error';
  if (INVALID_PARAMETER_CODES.has(code)) return 'invalid_parameter';
  if (RETRYABLE_CODES.has(code)) return 'transient';
  if (isTransient === true || (httpStatus !== undefined && httpStatus >= 500)) return 'transient';
  return 'unknown';
}

/** Pure classification of a Graph error code (docs/whatsapp-cloud-api.md §6.7, §7.4). */
export function classifyGraphError(input: GraphErrorInput): GraphErrorClassification {
  const kind = kindOf(input);
  return {
    kind,
    retryable: kind === 'transient' || RETRYABLE_CODES.has(input.code),
    isCredentialFailure: isCredentialFailureCode(input.code),
  };
}

// Token-shaped text Meta may echo back ("Malformed access token EAAG…"): user and system-user tokens
// (EAA…), app tokens (<app id>|<secret>) and any long alphanumeric run.
const TOKEN_LIKE = [/EAA[A-Za-z0-9]{8,}/g, /\b\d{6,}\|[A-Za-z0-9_-]{8,}/g, /[A-Za-z0-9_-]{40,}/g];
const MAX_SAFE_TEXT = 500;

/** Removes the given secrets and anything token-shaped, and caps the length. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of TOKEN_LIKE) out = out.replace(pattern, '[redacted]');
  return out.length > MAX_SAFE_TEXT ? `${out.slice(0, MAX_SAFE_TEXT)}…` : out;
}

/** The `{ "error": { … } }` body of a Graph 4xx/5xx; unknown fields pass (docs/whatsapp-cloud-api.md §6.6). */
export const GraphErrorEnvelopeSchema = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number().int(),
    error_subcode: z.coerce.number().int().optional(),
    // Usually an object; some Graph endpoints send it JSON-encoded as a string.
    error_data: z.unknown().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
type GraphErrorEnvelope = z.infer<typeof GraphErrorEnvelopeSchema>;
export type GraphErrorBody = GraphErrorEnvelope['error'];

function detailsOf(errorData: unknown): string | undefined {
  let data = errorData;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return data as string;
    }
  }
  if (data && typeof data === 'object' && typeof (data as { details?: unknown }).details === 'string') {
    return (data as { details: string }).details;
  }
  return undefined;
}

/** Common shape of every error the WhatsApp client throws. Messages never contain a token or secret. */
export abstract class WhatsAppClientError extends Error {
  abstract readonly kind: GraphErrorKind;
  abstract readonly retryable: boolean;
  abstract readonly isCredentialFailure: boolean;
  readonly httpStatus?: number;

  protected constructor(message: string, httpStatus?: number) {
    super(message);
    this.httpStatus = httpStatus;
  }
}

/** Graph answered with an error body. */
export class GraphApiError extends WhatsAppClientError {
  readonly kind: GraphErrorKind;
  readonly retryable: boolean;
  readonly isCredentialFailure: boolean;
  readonly graphCode: number;
  readonly graphSubcode?: number;
  readonly graphType?: string;
  readonly fbtraceId?: string;
  /** Meta's `error_data.details`, with anything token-like removed. */
  readonly details?: string;

  constructor(init: {
    graphCode: number;
    graphSubcode?: number;
    graphType?: string;
    fbtraceId?: string;
    metaMessage?: string;
    details?: string;
    httpStatus?: number;
    isTransient?: boolean;
  }) {
    const { kind, retryable, isCredentialFailure } = classifyGraphError({
      code: init.graphCode,
      subcode: init.graphSubcode,
      isTransient: init.isTransient,
      httpStatus: init.httpStatus,
    });
    const code = init.graphSubcode === undefined ? `${init.graphCode}` : `${init.graphCode}/${init.graphSubcode}`;
    super(`WhatsApp Graph API error ${code} (${kind})${init.metaMessage ? `: ${init.metaMessage}` : ''}`, init.httpStatus);
    this.name = 'GraphApiError';
    this.kind = kind;
    this.retryable = retryable;
    this.isCredentialFailure = isCredentialFailure;
    this.graphCode = init.graphCode;
    this.graphSubcode = init.graphSubcode;
    this.graphType = init.graphType;
    this.fbtraceId = init.fbtraceId;
    this.details = init.details;
  }

  /**
   * True when Graph refused the `appsecret_proof`, i.e. the app secret we hold is wrong
   * (docs/whatsapp-cloud-api.md §9.4).
   */
  get isAppSecretProofInvalid(): boolean {
    return this.graphCode === 100 && /appsecret_proof/i.test(this.message);
  }

  /**
   * Builds the error from a parsed Graph body. `secrets` (the token and app secret of the call) are removed
   * from Meta's text, on top of the generic token-shape scrub.
   */
  static fromBody(body: GraphErrorBody, httpStatus: number | undefined, secrets: readonly string[]): GraphApiError {
    const details = detailsOf(body.error_data);
    return new GraphApiError({
      graphCode: body.code,
      graphSubcode: body.error_subcode,
      graphType: body.type,
      fbtraceId: body.fbtrace_id,
      metaMessage: body.message === undefined ? undefined : redactSecrets(body.message, secrets),
      details: details === undefined ? undefined : redactSecrets(details, secrets),
      httpStatus,
      isTransient: body.is_transient,
    });
  }
}

export type UnavailableReason = 'timeout' | 'network' | 'http_status';

/** Graph could not be reached, timed out, or answered 5xx/429 without a Graph error body. Always retryable. */
export class GraphApiUnavailableError extends WhatsAppClientError {
  readonly kind = 'transient' as const;
  readonly retryable = true;
  readonly isCredentialFailure = false;
  readonly [UNAVAILABLE_DEPENDENCY] = 'WhatsApp (Meta Graph API)';
  readonly reason: UnavailableReason;
  /** The transport's error code (e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`); never a URL or header. */
  readonly causeCode?: string;

  constructor(reason: UnavailableReason, detail: string, init: { httpStatus?: number; causeCode?: string } = {}) {
    super(`WhatsApp Graph API unavailable (${reason}): ${detail}`, init.httpStatus);
    this.name = 'GraphApiUnavailableError';
    this.reason = reason;
    this.causeCode = init.causeCode;
  }
}

/** Graph answered, but not with the documented shape: a proxy page, a changed API, or a wrong base URL. */
export class GraphApiMalformedResponseError extends WhatsAppClientError {
  readonly kind = 'unknown' as const;
  readonly retryable = false;
  readonly isCredentialFailure = false;
  /** Paths of the fields that failed validation; values are never included. */
  readonly issues: string[];

  constructor(detail: string, httpStatus?: number, issues: string[] = []) {
    super(`WhatsApp Graph API returned an unexpected response: ${detail}`, httpStatus);
    this.name = 'GraphApiMalformedResponseError';
    this.issues = issues;
  }
}

/** We refused to send the request: an argument (ID, recipient, token format) is invalid. Nothing was sent. */
export class GraphRequestValidationError extends WhatsAppClientError {
  readonly kind = 'invalid_parameter' as const;
  readonly retryable = false;
  readonly isCredentialFailure = false;
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'GraphRequestValidationError';
    this.field = field;
  }
}
