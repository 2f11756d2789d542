import { WhatsAppCredential } from '../credentials';
import { ciphertextColumns } from './ciphertext-columns';

/** A credential's three secrets, each encrypted with its owner's key. */
export const credentialCiphertextColumns = ciphertextColumns({
  name: 'whatsapp_credentials',
  entity: WhatsAppCredential,
  owner: 'userId',
  columns: ['accessTokenCiphertext', 'appSecretCiphertext', 'verifyTokenCiphertext'],
});
