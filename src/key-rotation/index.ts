export { KeyRotation } from './key-rotation';
export { KeyRotationResolver } from './key-rotation.resolver';
export { CiphertextRegistry } from './ciphertext-columns';
export { credentialCiphertextColumns } from './credential-ciphertext-columns';
export { KeyRotationRun } from './key-rotation-run.entity';
export { UserKeyRotation, KeyRewrapState } from './user-key-rotation.entity';
;
