import { credentialSecretLocation, SecretsBinding, WhatsAppCredential } from '../credentials';
import { ciphertextColumns } from './ciphertext-columns';

/** A credential's three secrets, each encrypted with its owner's key and bound to its row and column. */
export const credentialCiphertextColumns = ciphertextColumns({
  name: 'whatsapp_credentials',
  entity: WhatsAppCredential,
  owner: 'userId',
  columns: ['accessTokenCiphertext', 'appSecretCiphertext', 'verifyTokenCiphertext'],
  binding: {
    marker: 'secretsBinding',
    unbound: SecretsBinding.UNBOUND,
    bound: SecretsBinding.BOUND_V1,
    locate: credentialSecretLocation,
  },
});
