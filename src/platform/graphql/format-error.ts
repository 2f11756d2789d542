import { unwrapResolverError } from '@apollo/server/errors';
import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, PublicError, unavailableDependencyOf } from '../errors';

/** Codes Apollo itself assigns to malformed requests; they describe the request, not our internals. */
const REQUEST_ERROR_CODES = new Set<string>([
  ErrorCode.GraphqlParseFailed,
  ErrorCode.GraphqlValidationFailed,
  ErrorCode.BadRequest,
  ErrorCode.BadUserInput,
  ErrorCode.OperationResolutionFailure,
  ErrorCode.PersistedQueryNotSupported,
]);

/**
 * Infrastructure errors that mean "try again later" reach the client as DEPENDENCY_UNAVAILABLE, named
 * but without the vendor's message; a lost optimistic-lock race as CONFLICT. Resolvers translate everything else they expect themselves.
 */
function toPublicError(error: unknown): unknown {
  // Two writers raced on a versioned row: the client's change was not applied and may simply be retried.
  if (error instanceof OptimisticLockError) return PublicError.conflict('This changed meanwhile: read it again and retry.');
  const dependency = unavailableDependencyOf(error);
  return dependency === undefined ? error : PublicError.dependencyUnavailable(dependency);
}

/** Our PublicError behind `error`: a resolver's, or a validation rule's that Apollo wrapped in its own. */
function publicErrorOf(error: unknown): PublicError | undefined {
  const original = toPublicError(unwrapResolverError(error));
  if (original instanceof PublicError) return original;
  if (error instanceof GraphQLError && !error.path && error.originalError instanceof PublicError) return error.originalError;
  return undefined;
}

/**
 * True for errors whose message may reach a client as is: our PublicErrors, and Apollo's errors about
 * the request itself (they have no path: they were raised before any resolver ran).
 */
export function isExposable(error: unknown): boolean {
  if (publicErrorOf(error)) return true;
  if (!(error instanceof GraphQLError) || error.path) return false;
  const code = error.extensions?.code;
  return typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
}

/**
 * Every error leaves through here. Our PublicErrors and Apollo's request errors pass; anything else is
 * replaced by a generic INTERNAL_SERVER_ERROR (the logging plugin has recorded it with the request id),
 * so no stack, SQL, vendor message or secret can reach a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = publicErrorOf(error);
  if (original) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: original.extensions };
  }
  if (isExposable(error)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: ErrorCode.InternalServerError } };
}
