import js from '@eslint/js';
import nodePlugin from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test/generated/', 'coverage/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { n: nodePlugin },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', TextEncoder: 'readonly', globalThis: 'readonly' } },
    rules: {
      // config.ts is the only reader of the environment (it disables this rule for its one line).
      'n/no-process-env': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/test/**', '../test/*', '../../test/*'], message: 'Product code must not import test code.' }] },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', '**/*.test.ts', 'jest.config.js'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Jest's global setup hands the test database to the workers through the environment.
    files: ['test/support/global-setup.mjs', 'jest.config.js'],
    languageOptions: { globals: { module: 'writable' } },
    rules: { 'n/no-process-env': 'off' },
  },
);
