// ESM-only dependencies are transformed to CommonJS by swc so jest's module registry can load them.
const esmOnly = [
  '@mikro-orm', 'kysely', 'pg-boss', 'serialize-error',
  'cron-parser', 'rrule-temporal', 'temporal-polyfill', 'luxon', 'async-exit-hook', 'jose', 'lru-cache',
  'p-limit', 'yocto-queue', 'dataloader', 'non-error',
].join('|');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2023',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/leftovers.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  clearMocks: true,
  testTimeout: 30_000,
};
