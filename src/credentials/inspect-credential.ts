import {
  GraphApiError,
  messagingLimitOf,
  type DebugTokenData,
  type HealthStatus,
  type PhoneNumber,
  type WhatsAppClient,
} from '../adapters/whatsapp';
import { CredentialStatusReason } from './credential-status';

const REQUIRED_SCOPES = ['whatsapp_business_management', 'whatsapp_business_messaging'] as const;

export interface CredentialToInspect {
  accessToken: string;
  appSecret: string;
  businessAccountId: string;
  phoneNumberId: string;
}

/** What Meta told us about a working credential. */
export interface CredentialFacts {
  phoneNumber: string;
  displayName: string;
  qualityRating: string | null;
  /** The portfolio's messaging limit (`whatsapp_business_manager_messaging_limit`), e.g. TIER_2K. */
  messagingLimit: string | null;
  throughputLevel: string | null;
  /** Phone status FLAGGED: a quality warning, not a restriction (the number still sends). */
  flagged: boolean;
  tokenExpiresAt: Date | null;
  scopes: string[];
  /** A policy restriction found on a credential that is otherwise valid. */
  restriction: { reason: CredentialStatusReason; message: string } | null;
}

/**
 * Meta says the credential cannot work, for a reason the user can fix. The message is ours (never Meta's
 * text, which may echo the token); `field` names the input to fix.
 */
export class CredentialRejectedError extends Error {
  constructor(
    readonly reason: CredentialStatusReason,
    message: string,
    readonly field: 'accessToken' | 'appSecret' | 'businessAccountId' | 'phoneNumberId',
    readonly graphCode?: number,
  ) {
    super(message);
    this.name = 'CredentialRejectedError';
  }
}

/**
 * The validation sequence of docs/whatsapp-cloud-api.md §9: the token (`debug_token`, with `appsecret_proof`
 * so a wrong app secret is caught too), the phone number, its membership of the business account, and the
 * number's health. Throws CredentialRejectedError for what the user must fix; Meta being unreachable surfaces
 * as the client's GraphApiUnavailableError so callers never confuse the two: an outage at Meta must never
 * mark a good credential invalid.
 */
export async function inspectCredential(
  whatsapp: WhatsAppClient,
  input: CredentialToInspect,
  now: Date = new Date(),
): Promise<CredentialFacts> {
  const auth = { accessToken: input.accessToken, appSecret: input.appSecret };
  const token = await rejectCredentialFailures(whatsapp.debugToken(input.accessToken, input.appSecret), 'accessToken');
  const { tokenExpiresAt, scopes } = checkToken(token, input.businessAccountId, now);

  const phone = await rejectCredentialFailures(whatsapp.getPhoneNumber(auth, input.phoneNumberId), 'phoneNumberId');
  const numbers = await rejectCredentialFailures(whatsapp.listPhoneNumbers(auth, input.businessAccountId), 'businessAccountId');
  if (!numbers.data.some((n) => n.id === input.phoneNumberId)) {
    throw new CredentialRejectedError(
      CredentialStatusReason.PHONE_NUMBER_NOT_FOUND,
      'This phone number id is not a number of that WhatsApp Business Account.',
      'phoneNumberId',
    );
  }
  const health = await rejectCredentialFailures(whatsapp.getHealthStatus(auth, input.phoneNumberId), 'phoneNumberId');

  return { ...phoneFactsOf(phone, input.phoneNumberId), tokenExpiresAt, scopes, restriction: restrictionOf(health, phone.status) };
}

/** What Meta's phone-number object tells about the number itself (the connect and the dry run read it alike). */
export function phoneFactsOf(
  phone: PhoneNumber,
  phoneNumberId: string,
): Pick<CredentialFacts, 'phoneNumber' | 'displayName' | 'qualityRating' | 'messagingLimit' | 'throughputLevel' | 'flagged'> {
  return {
    phoneNumber: phone.display_phone_number ?? phoneNumberId,
    displayName: phone.verified_name ?? '',
    qualityRating: phone.quality_rating ?? null,
    messagingLimit: messagingLimitOf(phone.whatsapp_business_manager_messaging_limit),
    throughputLevel: phone.throughput?.level ?? null,
    flagged: phone.status === 'FLAGGED',
  };
}

export function checkToken(token: DebugTokenData, wabaId: string, now: Date): { tokenExpiresAt: Date | null; scopes: string[] } {
  const expiresAt = token.expires_at && token.expires_at > 0 ? new Date(token.expires_at * 1000) : null;
  if (!token.is_valid || token.error) {
    const expired = token.error?.subcode === 463 || (expiresAt !== null && expiresAt <= now);
    throw expired
      ? new CredentialRejectedError(CredentialStatusReason.TOKEN_EXPIRED, 'The access token has expired.', 'accessToken', 190)
      : new CredentialRejectedError(CredentialStatusReason.TOKEN_INVALID, 'The access token is not valid.', 'accessToken', 190);
  }
  if (expiresAt !== null && expiresAt <= now) {
    throw new CredentialRejectedError(CredentialStatusReason.TOKEN_EXPIRED, 'The access token has expired.', 'accessToken', 190);
  }
  const missing = REQUIRED_SCOPES.filter((scope) => !token.scopes.includes(scope));
  if (missing.length > 0) {
    throw new CredentialRejectedError(
      CredentialStatusReason.PERMISSION_MISSING,
      `The access token lacks the permission${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}.`,
      'accessToken',
    );
  }
  // target_ids may be absent (tokens of admin system users cover every asset); when listed, they must
  // include this account for both permissions.
  for (const scope of REQUIRED_SCOPES) {
    const targets = token.granular_scopes.find((g) => g.scope === scope)?.target_ids;
    if (targets && !targets.includes(wabaId)) {
      throw new CredentialRejectedError(
        CredentialStatusReason.WRONG_BUSINESS_ACCOUNT,
        `The access token was not granted ${scope} on this WhatsApp Business Account.`,
        'businessAccountId',
      );
    }
  }
  return { tokenExpiresAt: expiresAt, scopes: [...token.scopes] };
}

export function restrictionOf(health: HealthStatus, phoneStatus: string | undefined): CredentialFacts['restriction'] {
  const blocked = health.entities.filter((e) => e.can_send_message === 'BLOCKED');
  const phoneBlocked = blocked.find((e) => e.entity_type === 'PHONE_NUMBER');
  if (phoneBlocked) {
    return { reason: CredentialStatusReason.PHONE_NUMBER_RESTRICTED, message: describeBlock('The phone number', phoneBlocked.errors) };
  }
  const accountBlocked = blocked[0];
  if (accountBlocked) {
    return { reason: CredentialStatusReason.ACCOUNT_RESTRICTED, message: describeBlock(`The ${accountBlocked.entity_type.toLowerCase()}`, accountBlocked.errors) };
  }
  // FLAGGED is Meta's low-quality warning: the number still sends, so it is a warning (see quality-warning.ts).
  if (phoneStatus === 'RESTRICTED') {
    return { reason: CredentialStatusReason.PHONE_NUMBER_RESTRICTED, message: `Meta reports the phone number as ${phoneStatus}.` };
  }
  return null;
}

function describeBlock(what: string, errors: Array<{ error_code: number }> | undefined): string {
  const codes = (errors ?? []).map((e) => e.error_code);
  return `${what} cannot send messages (Meta health status BLOCKED${codes.length ? `, error ${codes.join(', ')}` : ''}).`;
}

/** Turns Graph's verdicts on the credential into CredentialRejectedError; everything else passes through. */
export async function rejectCredentialFailures<T>(call: Promise<T>, field: CredentialRejectedError['field']): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (!(err instanceof GraphApiError)) throw err;
    const rejection = rejectionOf(err, field);
    if (rejection) throw rejection;
    throw err;
  }
}

function rejectionOf(err: GraphApiError, field: CredentialRejectedError['field']): CredentialRejectedError | undefined {
  const code = err.graphCode;
  if (err.isAppSecretProofInvalid) {
    return new CredentialRejectedError(CredentialStatusReason.APP_SECRET_INVALID, 'The app secret does not belong to the access token\'s app.', 'appSecret', code);
  }
  switch (err.kind) {
    case 'token_expired':
      return new CredentialRejectedError(CredentialStatusReason.TOKEN_EXPIRED, 'The access token has expired.', 'accessToken', code);
    case 'token_invalid':
      return new CredentialRejectedError(CredentialStatusReason.TOKEN_INVALID, 'The access token is not valid (revoked, malformed or for another app).', 'accessToken', code);
    case 'permission_missing':
      return code === 200 || (code > 200 && code <= 299)
        ? new CredentialRejectedError(CredentialStatusReason.WRONG_BUSINESS_ACCOUNT, 'The access token has no access to this account or phone number.', field, code)
        : new CredentialRejectedError(CredentialStatusReason.PERMISSION_MISSING, 'The access token lacks a required permission.', 'accessToken', code);
    case 'not_found':
      return new CredentialRejectedError(
        CredentialStatusReason.PHONE_NUMBER_NOT_FOUND,
        field === 'businessAccountId' ? 'No WhatsApp Business Account with this id is visible to the token.' : 'No phone number with this id is visible to the token.',
        field,
        code,
      );
    case 'invalid_parameter':
      return code === 100
        ? new CredentialRejectedError(CredentialStatusReason.PHONE_NUMBER_NOT_FOUND, `Meta does not recognise this ${field === 'businessAccountId' ? 'business account' : 'phone number'} id.`, field, code)
        : undefined;
    case 'integrity_restricted':
      return new CredentialRejectedError(CredentialStatusReason.ACCOUNT_RESTRICTED, 'Meta has restricted this account.', field, code);
    // Limits, outages and send-time errors say nothing about the secrets: the caller reports Meta's error as it is.
    case 'rate_limited':
    case 'pair_rate_limited':
    case 'throughput_limited':
    case 'window_closed':
    case 'template_error':
    case 'recipient_error':
    case 'transient':
    case 'unknown':
      return undefined;
  }
  // A new kind of Graph error must be sorted above: the compiler refuses to build until it is.
  const unhandled: never = err.kind;
  throw new Error(`no rejection rule for Graph error kind ${String(unhandled)}`);
}
