export { ErrorCode, isErrorCode } from './error-code';
export { PublicError } from './public-error';
export { WhatsAppErrorCode } from './error-code-schema';
export { UNAVAILABLE_DEPENDENCY, unavailableDependencyOf } from './unavailable-dependency';
