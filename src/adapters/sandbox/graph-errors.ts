import { newTraceId } from './sandbox-ids';

/** What a test can ask the simulator to fail with (`Sandbox.failNext`). */
export interface GraphErrorSpec {
  code: number;
  subcode?: number;
  message?: string;
  details?: string;
  type?: string;
  isTransient?: boolean;
  /** Defaults to the status Graph uses for the code. */
  httpStatus?: number;
}

/** An HTTP failure that carries no Graph body at all, like a load balancer's 502 page. */
interface RawFailureSpec {
  httpStatus: number;
  rawBody?: string;
  code?: never;
}

export type FailureSpec = GraphErrorSpec | RawFailureSpec;

function defaultStatus(code: number): number {
  if (code === 190 || code === 104) return 401;
  if (code === 10 || (code >= 200 && code <= 299)) return 403;
  if (code === 1 || code === 131000) return 500;
  if (code === 2 || code === 131016) return 503;
  return 400;
}

/**
 * A Graph error response, thrown by route handlers and rendered by the server in the documented shape
 * (docs/whatsapp-cloud-api.md §6.6): message, type, code, error_subcode, error_data.details, fbtrace_id.
 */
export class SandboxGraphError extends Error {
  readonly httpStatus: number;

  constructor(readonly spec: GraphErrorSpec) {
    super(spec.message ?? `Graph error ${spec.code}`);
    this.name = 'SandboxGraphError';
    this.httpStatus = spec.httpStatus ?? defaultStatus(spec.code);
  }

  body(): { error: Record<string, unknown> } {
    const { code, subcode, details, isTransient } = this.spec;
    return {
      error: {
        message: this.message,
        type: this.spec.type ?? 'OAuthException',
        code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        ...(details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details } }),
        ...(isTransient === undefined ? {} : { is_transient: isTransient }),
        fbtrace_id: newTraceId(),
      },
    };
  }
}

const err = (spec: GraphErrorSpec) => new SandboxGraphError(spec);
const DOCS = 'Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api';

/** The errors the simulator produces, worded as Meta words them where its documentation quotes them. */
export const graphErrors = {
  noToken: () => err({ code: 104, message: 'An access token is required to request this resource.' }),
  unparseableToken: () => err({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }),
  // Graph echoes the token it could not parse; the client must scrub it (graph-api-error.ts).
  malformedToken: (token: string) => err({ code: 190, message: `Malformed access token ${token}` }),
  invalidAppToken: () => err({ code: 190, message: 'Invalid OAuth access token signature.' }),
  expiredToken: (expiredAtMs: number, nowMs: number) =>
    err({
      code: 190,
      subcode: 463,
      message: `Error validating access token: Session has expired on ${new Date(expiredAtMs).toUTCString()}. The current time is ${new Date(nowMs).toUTCString()}.`,
    }),
  revokedToken: (subcode: number) =>
    err({
      code: 190,
      subcode,
      message:
        subcode === 458
          ? 'Error validating access token: The user has not authorized application.'
          : 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
    }),
  invalidAppSecretProof: () =>
    err({ code: 100, type: 'GraphMethodException', message: 'Invalid appsecret_proof provided in the API argument' }),
  appSecretProofRequired: () =>
    err({ code: 100, type: 'GraphMethodException', message: 'API calls from the server require an appsecret_proof argument' }),
  debugTokenForbidden: () =>
    err({
      code: 100,
      message: '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    }),
  objectNotFound: (method: string, id: string) =>
    err({
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
      message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. ${DOCS}`,
    }),
  unknownPath: (path: string) => err({ code: 2500, message: `Unknown path components: ${path}` }),
  noAssetAccess: () => err({ code: 200, message: '(#200) You do not have the necessary permissions required to access this object' }),
  missingManagementScope: () =>
    err({ code: 200, message: '(#200) Requires whatsapp_business_management permission to manage the object' }),
  missingMessagingScope: () => err({ code: 10, message: '(#10) Application does not have permission for this action' }),
  missingParameter: (name: string) => err({ code: 100, message: `(#100) The parameter ${name} is required` }),
  unsupportedMethod: (method: string, path: string) =>
    err({ code: 100, type: 'GraphMethodException', message: `Unsupported ${method.toLowerCase()} request on ${path}. ${DOCS}` }),
  invalidParameter: (details: string) => err({ code: 100, message: '(#100) Invalid parameter', details }),
  invalidTemplateCursor: () => err({ code: 131059, message: '(#131059) Invalid pagination cursor', details: 'Retry without before or after.' }),
  nonexistingField: (field: string, nodeType: string) =>
    err({ code: 100, message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})` }),
  parameterValueInvalid: (details: string) => err({ code: 131009, message: '(#131009) Parameter value is not valid', details }),
  requiredParameterMissing: (details: string) =>
    err({ code: 131008, message: '(#131008) Required parameter is missing', details }),
  overrideBeforeSubscribe: () =>
    err({
      code: 100,
      message:
        '(#100) Before override the current callback uri, your app must be subscribed to receive messages for WhatsApp Business Account',
    }),
  callbackVerificationFailed: (reason: string) =>
    err({ code: 2200, message: `(#2200) Callback verification failed with the following errors: ${reason}` }),
  reEngagement: () =>
    err({
      code: 131047,
      message: '(#131047) Re-engagement message',
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    }),
  throughputReached: () =>
    err({
      code: 130429,
      subcode: 2494055,
      message: '(#130429) Rate limit hit',
      details: 'Cloud API message throughput has been reached.',
    }),
  accountLocked: () =>
    err({
      code: 131031,
      message: '(#131031) Business Account locked',
      details: 'The account has been locked. Check health_status for the reason.',
    }),
  mediaUploadError: (details: string) => err({ code: 131053, message: '(#131053) Media upload error', details }),
  templateMissing: (name: string, language: string) =>
    err({
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
      details: `template name (${name}) does not exist in ${language}`,
    }),
};
