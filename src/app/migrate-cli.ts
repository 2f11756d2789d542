import 'reflect-metadata';
import { ConfigError, loadDatabaseConfigFromProcess } from '../config';
import { createProcessLogger } from '../platform/observability/logger';
import { startEmbeddedDatabase } from '../platform/db/embedded-database';
import { migrateToLatest } from '../platform/db/orm';
import { createPluginOrm } from './database';

/**
 * `npm run migrate` (or `node dist/src/app/migrate-cli.js` in the image): applies pending migrations to
 * DATABASE_URL (or the embedded database) and exits; 0 when the schema is current, non-zero otherwise.
 * It needs only the database settings, so a release step can run it without the plugin's secrets.
 * Safe to run while instances start: every migration runs under the same advisory lock they take.
 */
async function main(): Promise<void> {
  const config = loadDatabaseConfigFromProcess();
  const logger = createProcessLogger(config.logLevel, config.logFormat);
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedDatabase({ dataDir: config.database.embeddedDir, port: config.database.embeddedPort, logger });
  const log = (message: string) => logger.info({ orm: message }, 'migration');
  try {
    const orm = await createPluginOrm({ clientUrl: config.database.url ?? embedded!.url, schema: config.database.schema, poolMax: 2, log });
    try {
      await migrateToLatest(orm, config.database.schema, { log });
      logger.info('database schema is current');
    } finally {
      await orm.close(true);
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
