import type { CredentialServices } from '../credentials';

/** What the platform-migration domain is built with; the composition root (src/app) hands it in. */
export interface PlatformMigrationServices extends CredentialServices {
  /** Filled in once the server listens (the port may be chosen by the OS). */
  publicUrls: { webhookBase: string };
}
