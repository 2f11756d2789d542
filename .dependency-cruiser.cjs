/* global module */
// The layering of src/ as rules (docs/architecture.md explains it). `npm run structure` and CI run them.
//
//   app/        the composition root: the only folder that may import everything
//   domains     credentials, webhooks, messaging, agents, ... : may import platform, adapters and each
//               other's index.ts (entity and GraphQL type files directly: see domain-through-index)
//   adapters    the outside world behind our own types: key stores, the WhatsApp Graph client, e-mail, the sandbox
//   platform    kits every domain uses: database, events, GraphQL kit, HTTP, identity, jobs, errors, logs
//   config.ts   the only reader of the environment
const DOMAINS = '(agents|alerts|audit|credentials|host|key-rotation|media|messaging|opt-outs|platform-migration|rate-limits|templates|user-erasure|webhooks)';
const ADAPTERS = 'adapters';
const PLATFORM = 'platform';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module cycles, type-only imports included (tsPreCompilationDeps): the layers must show in the imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'No cycles between folders either: a folder that needs another must not be needed by it.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'every-folder-has-a-layer',
      severity: 'error',
      comment: 'A folder of src/ is the composition root, a domain listed in DOMAINS, or sits under adapters/ or platform/: a new folder must say which.',
      from: { path: '^src/', pathNot: ['^src/app/', `^src/${PLATFORM}/`, `^src/${ADAPTERS}/`, `^src/${DOMAINS}/`, '^src/config(\\.test)?\\.ts$'] },
      to: {},
    },
    {
      name: 'only-app-imports-app',
      severity: 'error',
      comment: 'src/app is the composition root: nothing it wires may depend on it.',
      from: { path: '^src/', pathNot: '^src/app/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'platform-knows-no-domain',
      severity: 'error',
      comment: 'Platform kits serve every domain and so may name none (nor an adapter): domains declare what they add (event maps, context services).',
      from: { path: `^src/${PLATFORM}/` },
      to: { path: [`^src/${DOMAINS}/`, `^src/${ADAPTERS}/`] },
    },
    {
      name: 'adapters-know-no-domain',
      severity: 'error',
      comment: 'Adapters wrap the outside world behind our own types; the domains use them, not the other way round.',
      from: { path: `^src/${ADAPTERS}/` },
      to: { path: `^src/${DOMAINS}/` },
    },
    {
      name: 'config-knows-no-layer-above',
      severity: 'error',
      comment: 'Configuration is read before anything is built: it may use platform helpers, nothing else.',
      from: { path: '^src/config\\.ts$' },
      to: { path: [`^src/${DOMAINS}/`, `^src/${ADAPTERS}/`, '^src/app/'] },
    },
    {
      name: 'domain-through-index',
      severity: 'error',
      comment:
        "Another domain is reached through its index.ts, its public surface. Entity and GraphQL type files may be " +
        'imported directly: ORM relations and federation types must not load a whole domain (and its services) to be declared.',
      from: { path: `^src/${DOMAINS}/` },
      to: {
        path: `^src/${DOMAINS}/`,
        pathNot: ['^src/$1/', '/index\\.ts$', '\\.entity\\.ts$', '\\.type\\.ts$'],
      },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      comment: 'Production code never imports test support.',
      from: { path: '^(src|migrations)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type cycle is a design cycle even when no code runs in a loop.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
