import { auditSeparately, AuditOutcome, type AuditRecord } from '../audit';
import { ErrorCode, PublicError } from '../platform/errors';
import { KeyServiceUnavailableError } from '../adapters/keys';
import { GraphApiError, GraphApiMalformedResponseError } from '../adapters/whatsapp';
import { isMetaUnavailable, MetaUnavailableDuringCheckError } from './health-check';
import { CredentialRejectedError } from './inspect-credential';
import { CredentialSecretsUnreadableError } from './credential-secrets';
import { CredentialStatusReason } from './credential-status';
import type { CommandContext } from './command-context';

/** Translates what the credential checks throw into the client's typed errors; others pass unchanged. */
export function toCredentialPublicError(err: unknown): unknown {
  if (err instanceof PublicError) return err;
  if (err instanceof CredentialRejectedError) {
    return new PublicError(ErrorCode.CredentialRejected, err.message, { field: err.field, reason: err.reason.toUpperCase() });
  }
  if (err instanceof MetaUnavailableDuringCheckError || isMetaUnavailable(err) || err instanceof GraphApiMalformedResponseError) {
    return PublicError.dependencyUnavailable('WhatsApp (Meta Graph API)');
  }
  if (err instanceof KeyServiceUnavailableError) return PublicError.dependencyUnavailable('The key service');
  if (err instanceof CredentialSecretsUnreadableError) {
    return new PublicError(ErrorCode.CredentialUnavailable, err.message, { reason: CredentialStatusReason.SECRETS_UNREADABLE.toUpperCase() });
  }
  if (err instanceof GraphApiError) {
    return new PublicError(ErrorCode.WhatsAppRejected, `Meta refused the request (error ${err.graphCode}).`, { reason: String(err.graphCode) });
  }
  return err;
}

/**
 * Runs a credential operation; when it fails, writes the audit entry in a unit of work of its own (the
 * operation's own rolled back) and rethrows the translated error. Successes audit inside the operation.
 */
export async function auditedOperation<T>(
  ctx: CommandContext,
  entry: Pick<AuditRecord, 'action' | 'targetType' | 'targetId' | 'subjectUserId' | 'details'>,
  operation: () => Promise<T>,
): Promise<T> {
  try {
    return await operation();
  } catch (raw) {
    const err = toCredentialPublicError(raw);
    const code = err instanceof PublicError ? err.code : ErrorCode.InternalServerError;
    const rejected = [ErrorCode.BadUserInput, ErrorCode.Conflict, ErrorCode.CredentialRejected, ErrorCode.NotFound, ErrorCode.PlatformCredentialsDeprecated].includes(code);
    await auditSeparately(ctx.em, {
      ...entry,
      actor: ctx.viewer,
      outcome: rejected ? AuditOutcome.REJECTED : AuditOutcome.FAILURE,
      errorCode: code,
      requestId: ctx.requestId,
      details: { ...(entry.details ?? {}), ...(err instanceof PublicError && err.extensions.reason ? { reason: String(err.extensions.reason) } : {}) },
    }).catch((auditErr: unknown) => ctx.logger.error({ err: auditErr }, 'could not audit a failed credential operation'));
    throw err;
  }
}
