export { KeyRotation, type KeyRotationOptions } from './key-rotation';
export { KeyRotationResolver } from './key-rotation.resolver';
export { CiphertextRegistry, ciphertextColumns, type CiphertextColumns, type StoredCiphertext } from './ciphertext-columns';
export { credentialCiphertextColumns } from './credential-ciphertext-columns';
export { KeyRotationRun, KeyRotationRunState } from './key-rotation-run.entity';
export { UserKeyRotation, KeyRewrapState } from './user-key-rotation.entity';
export { UserKeyInfo } from './user-key-info.type';
