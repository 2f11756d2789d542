import type { CredentialServices } from '../credentials';
import type { GraphQLContext } from '../platform/graphql/context';

/** What the platform-migration domain is built with; the composition root (src/app) hands it in. */
export interface PlatformMigrationServices extends CredentialServices {
  /** Filled in once the server listens (the port may be chosen by the OS). */
  publicUrls: { webhookBase: string };
}

/** A resolver's context in this domain. */
export type PlatformMigrationContext = GraphQLContext<PlatformMigrationServices>;
