export { WhatsAppMigration, MigrationState, MigrationStepOutcome, type MigrationStep } from './whatsapp-migration.entity';
export { planMigration, type AgentMapping, type MigrationPlan } from './migration-plan';
export { runMigration, rollBackMigration } from './migration-wizard';
export { platformDependents, setUserCredentialSource, setPlatformDeprecated, retirePlatform, type PlatformDependent } from './platform-deprecation';
export { syncPlatformCredential, registerPlatformCredentialSync, type PlatformSyncOutcome } from './platform-credential-sync';
export { PlatformMigrationResolver } from './platform-migration.resolver';
