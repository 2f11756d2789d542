export { WhatsAppCredential } from './whatsapp-credential.entity';
export { CredentialStatus, CredentialStatusReason } from './credential-status';
export { readCredentialSecrets, writeCredentialSecrets, type CredentialSecrets } from './credential-secrets';
