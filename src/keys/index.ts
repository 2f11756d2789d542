import { KeyringKey, KeyringKeyVersion } from './keyring-key.entity';

export { KeyService, type KeyServiceOptions } from './key-service';
export { createKeyBackend, type CreateKeyBackendOptions } from './create-key-backend';
export type { KeyBackend, KeyInfo, RewrapBinding } from './key-backend';
export { bindingOf, type SecretLocation } from './secret-binding';
export { asCiphertext, isCiphertext, keyVersionOf, type Ciphertext } from './ciphertext';
export {
  KeyError,
  KeyServiceUnavailableError,
  KeyPermissionDeniedError,
  KeyNotFoundError,
  CiphertextTooOldError,
  CiphertextInvalidError,
  KeyVersionInvalidError,
  KeyRequestRejectedError,
  UserIdInvalidError,
  MasterKeyError,
  KeyBatchError,
  type KeyBatchFailure,
  type CiphertextProblem,
} from './key-errors';

/** The embedded keyring's tables (`keyring_key`, `keyring_key_version`); always registered, even with Vault. */
export const KEYS_ENTITIES = [KeyringKey, KeyringKeyVersion];
