export { ErrorCode } from './error-code';
export { PublicError, type PublicErrorExtensions } from './public-error';
export { UNAVAILABLE_DEPENDENCY, unavailableDependencyOf } from './unavailable-dependency';
