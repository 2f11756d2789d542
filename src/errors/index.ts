export { ErrorCode } from './error-code';
export { PublicError, type PublicErrorExtensions } from './public-error';
