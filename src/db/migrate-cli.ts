import 'reflect-metadata';
import { loadConfigFromProcess } from '../config';
import { createLogger } from '../observability/logger';
import { startEmbeddedDatabase } from './embedded-database';
import { createOrm, migrateToLatest } from './orm';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const logger = createLogger(config.logLevel);
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedDatabase({ dataDir: config.database.embeddedDir, port: config.database.embeddedPort, logger });
  const orm = await createOrm({
    clientUrl: config.database.url ?? embedded!.url,
    schema: config.database.schema,
    log: (message) => logger.info({ orm: message }, 'migration'),
  });
  try {
    await migrateToLatest(orm, config.database.schema);
    logger.info('database schema is current');
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error('migration failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
