import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

export interface PublicErrorExtensions {
  field?: string;
  retryAfterSeconds?: number;
  /** A stable machine-readable detail, e.g. the WhatsApp error code or the credential status reason. */
  reason?: string;
  /** MEDIA_TOO_LARGE: the limit, in bytes. */
  maxBytes?: number;
  /** MEDIA_TYPE_UNSUPPORTED: the MIME types accepted for that kind of media. */
  allowed?: readonly string[];
}

/**
 * The only error class whose message reaches a client. Its message must be safe to show: it never
 * contains a secret, a token or another user's data. Everything else is masked by the error formatter.
 */
export class PublicError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: PublicErrorExtensions = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
    this.name = 'PublicError';
  }

  static unauthenticated(message = 'A valid bearer token is required.'): PublicError {
    return new PublicError(ErrorCode.Unauthenticated, message);
  }

  static forbidden(message = 'Your role does not allow this operation.'): PublicError {
    return new PublicError(ErrorCode.Forbidden, message);
  }

  static notFound(what: string): PublicError {
    return new PublicError(ErrorCode.NotFound, `${what} not found.`);
  }

  static badInput(field: string, message: string): PublicError {
    return new PublicError(ErrorCode.BadUserInput, message, { field });
  }

  static conflict(message: string, field?: string): PublicError {
    return new PublicError(ErrorCode.Conflict, message, field ? { field } : {});
  }

  static rateLimited(retryAfterSeconds: number): PublicError {
    return new PublicError(ErrorCode.RateLimited, `Too many requests; retry in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }

  static dependencyUnavailable(dependency: string): PublicError {
    return new PublicError(
      ErrorCode.DependencyUnavailable,
      `${dependency} is unavailable right now; nothing was changed. Try again shortly.`,
    );
  }
}
