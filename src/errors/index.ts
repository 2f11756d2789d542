export { ErrorCode } from './error-code';
export { PublicError, type PublicErrorExtensions } from './public-error';
export { WhatsAppErrorCode } from './error-code-schema';
