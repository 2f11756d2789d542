export { WhatsAppMigration } from './whatsapp-migration.entity';
export { syncPlatformCredential, registerPlatformCredentialSync } from './platform-credential-sync';
export { PlatformMigrationResolver } from './platform-migration.resolver';
export type { PlatformMigrationServices } from './platform-migration-services';
