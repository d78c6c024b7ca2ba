/** Layer rules from ARCHITECTURE.md / STYLE.md, checked in CI (`npm run boundaries`). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds pure decide/evolve functions: no Nest, no ORM, no I/O, no other layer.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '(\\.spec\\.ts$|/testing\\.ts$)' },
      to: {
        pathNot: '^libs/domain/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'importer-is-pure',
      comment: 'libs/importer parses text into a plan: no I/O, no framework, nothing above the domain',
      severity: 'error',
      from: { path: '^libs/importer/', pathNot: '(\\.spec\\.ts$|/bundled-plans\\.ts$)' },
      to: { pathNot: '^libs/(importer|domain)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'event-store-knows-no-upper-layer',
      comment:
        'the event store is a port and its adapters: it knows nothing of the domain, read models or apps',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^(libs/(domain|read-models)|apps)/' },
    },
    {
      name: 'commands-not-read-models',
      comment:
        'the write side decides on the event streams (loadAggregate), never on projections that may lag; ' +
        'what needs both (the action transfer) lives above both, in libs/transfer',
      severity: 'error',
      from: { path: '^libs/commands/' },
      to: { path: '^libs/read-models/' },
    },
    {
      name: 'transfer-is-on-top',
      comment:
        'libs/transfer uses the write side and the read models; no other lib imports it (only apps do)',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/transfer/' },
      to: { path: '^libs/transfer/' },
    },
    {
      name: 'notifications-below-apps',
      comment:
        'libs/notifications (the outbox) builds on the domain, event store, read models and platform; no other lib imports it',
      severity: 'error',
      from: {
        path: '^libs/(domain|event-store|read-models|platform|identity|importer|commands|realtime-client|transfer)/',
      },
      to: { path: '^libs/notifications/' },
    },
    {
      name: 'contracts-are-types',
      comment:
        'libs/contracts holds the response types the api answers and the web app reads: type-only imports of the domain, nothing else',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { pathNot: '^libs/(contracts|domain)/' },
    },
    {
      name: 'contracts-type-only',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { pathNot: '^libs/contracts/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'read-models-not-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'api-not-cli',
      comment:
        'apps talk through libs, never to each other (the api may start the projector in embedded mode)',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^apps/cli/' },
    },
    {
      name: 'projector-not-api',
      severity: 'error',
      from: { path: '^apps/projector/' },
      to: { path: '^apps/(api|cli)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '(\\.spec\\.ts$|^test/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.data/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
    },
  },
};
