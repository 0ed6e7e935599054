/**
 * Dependency rules for `npm run depcheck` (dependency-cruiser). The architecture wants data and imports to flow one
 * way, from the HTTP edge down to the core (docs/architecture.md): a cycle between two folders means neither can be
 * read, tested or moved without the other. Type-only imports count, since they tie folders together as much.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Two folders that import each other, directly or through others: move the shared piece down a level.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'Two modules that import each other, directly or through others.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
