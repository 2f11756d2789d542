export { KeyService } from './key-service';
export { createKeyBackend } from './create-key-backend';
export type { KeyInfo } from './key-backend';
export { type SecretLocation } from './secret-binding';
export { asCiphertext, isCiphertext, keyVersionOf, type Ciphertext } from './ciphertext';
export {
  KeyError,
  KeyServiceUnavailableError,
  KeyPermissionDeniedError,
  KeyNotFoundError,
  CiphertextTooOldError,
  CiphertextInvalidError,
  UserIdInvalidError,
  KeyBatchError,
} from './key-errors';
