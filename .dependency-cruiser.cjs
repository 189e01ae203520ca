/**
 * The architecture rule (docs/ARCHITECTURE.md › Layers), checked by `npm run lint:arch` (part of `npm run
 * lint`, so CI fails when it breaks). Layers, each importing only those below it:
 *   src/core (pure engines) → server platform (db, jobs, events, storage, platform, http, errors, config,
 *   request-context) → capability modules (each through its face, index.ts) → reporting (reads all) →
 *   app (app.ts, server.ts, plugins/, seed/, cli).
 */
const MODULE = '^src/server/modules/([^/]+)/';
const PLATFORM = '^src/server/(db|jobs|events|storage|platform|http)/|^src/server/(errors|config|request-context)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'The domain engines in src/core do no IO and know neither the server nor the web.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(server|web|cli)/|^node_modules/(kysely|fastify|pg|@electric-sql)/' },
    },
    {
      name: 'core-no-node-io',
      comment: 'The domain engines in src/core do no IO: no Node built-in modules.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'platform-below-modules',
      comment: 'The server platform (database, jobs, events, storage, kernel) serves the modules and never imports one.',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: '^src/server/(modules|seed|plugins)/|^src/server/(app|server|main)\\.ts$' },
    },
    {
      name: 'module-through-its-face',
      comment: "A module calls another module only through that module's face (index.ts), never its internals.",
      severity: 'error',
      from: { path: MODULE },
      to: { path: '^src/server/modules/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'reporting-is-on-top',
      comment: 'Reporting reads every capability; no capability module imports it.',
      severity: 'error',
      from: { path: MODULE, pathNot: '^src/server/modules/reporting/' },
      to: { path: '^src/server/modules/reporting/' },
    },
    {
      name: 'modules-below-app',
      comment: 'Modules do not import the app composition (app.ts, plugins, seed, cli).',
      severity: 'error',
      from: { path: MODULE },
      to: { path: '^src/server/(seed|plugins)/|^src/server/(app|server|main)\\.ts$|^src/cli/' },
    },
    {
      name: 'app-through-faces',
      comment: "The app (composition, seed, CLI) uses a module through its face or registers its plugin, nothing else of it.",
      severity: 'error',
      from: { path: '^src/server/(seed|plugins)/|^src/server/(app|server|main)\\.ts$|^src/cli/' },
      to: { path: '^src/server/modules/', pathNot: ['^src/server/modules/[^/]+/index\\.ts$', '^src/server/modules/[^/]+/[^/]+\\.plugin\\.ts$'] },
    },
    {
      name: 'web-imports-server-types-only',
      comment: 'The web app takes only types from the server (the API contract), never server code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(server|cli)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-cycle',
      comment: 'No import cycle between files (type-only imports aside: they vanish at run time).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$|^src/web/.*\\.css$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    skipAnalysisNotInRules: true,
  },
};
