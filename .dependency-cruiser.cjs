/**
 * Import rules checked by `npm run check:circles` (and by a test): no import circle anywhere, the
 * worker-pool layer imports no domain code, and src/ never imports workers/.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import circle', from: {}, to: { circular: true } },
    { name: 'parallel-is-a-leaf', severity: 'error', comment: 'src/parallel imports no domain folder', from: { path: '^src/parallel/' }, to: { path: '^(src/(?!parallel/)|workers/)' } },
    { name: 'src-does-not-import-workers', severity: 'error', comment: 'workers/ are thin adapters over src/, never the other way', from: { path: '^src/' }, to: { path: '^workers/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
