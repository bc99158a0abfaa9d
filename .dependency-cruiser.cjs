// Which source folder may import which, checked by `npm run lint` (depcruise).
// Type-only imports count: a cycle through types still ties the files together.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file imports itself back through others; a cycle hides which one is the base.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-core-folder-cycle',
      severity: 'error',
      comment: 'Core folders (net, ipmsg, discovery, messaging, store, transfer…) form layers.',
      scope: 'folder',
      from: { path: '^src-main/core/' },
      to: { path: '^src-main/core/', circular: true },
    },
    {
      name: 'core-without-electron',
      severity: 'error',
      comment: 'src-main/core runs under plain Node and in tests.',
      from: { path: '^src-main/core/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'core-below-adapters',
      severity: 'error',
      comment: 'The core knows nothing of the processes that drive it.',
      from: { path: '^src-main/core/' },
      to: { path: '^src-main/(ipc|shell|headless|adapters)/|^src-main/main\\.ts$' },
    },
    {
      name: 'records-are-leaves',
      severity: 'error',
      comment: 'The records the store persists depend on the contract alone.',
      from: { path: '^src-main/core/store/records/' },
      to: { path: '^src-main/core/', pathNot: '^src-main/core/store/records/' },
    },
    {
      name: 'outgoing-apart-from-incoming',
      severity: 'error',
      comment: 'Serving our offers and fetching theirs share only what sits in transfer/.',
      from: { path: '^src-main/core/transfer/(outgoing|incoming)/' },
      to: {
        path: '^src-main/core/transfer/(outgoing|incoming)/',
        pathNot: '^src-main/core/transfer/$1/',
      },
    },
    {
      name: 'renderer-sees-only-the-contract',
      severity: 'error',
      comment: 'The renderer sees window.pigeon, typed by the contract: no main, preload or Node.',
      from: { path: '^src-renderer/' },
      to: { path: '^(src-main|preload)/|^src-shared/(?!contract/)' },
    },
    {
      name: 'renderer-without-node',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-imports-no-process',
      severity: 'error',
      comment: 'src-shared belongs to every process, so it imports none of them.',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer|preload)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
