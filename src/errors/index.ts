export { ErrorCode } from './error-code';
export { PublicError } from './public-error';
export { UNAVAILABLE_DEPENDENCY, unavailableDependencyOf } from './unavailable-dependency';
