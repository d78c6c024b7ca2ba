// Jest runs in native ESM mode (NestJS 12 ships ES modules only): see docs/decisions.md.
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#(domain|event-store|read-models|platform|importer|identity|commands|transfer|realtime-client|notifications|contracts)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }] },
  rootDir: '.',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
};

export default {
  maxWorkers: process.env.CI ? 2 : '50%',
  // integration and end-to-end tests start servers and databases; a hung one still fails, after 2 minutes
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.unit.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'],
      testTimeout: 120000,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/retry-in-ci.ts'],
      testTimeout: 120000,
    },
    // the web app in Debian's Chromium (playwright-core); skipped with a message when no Chromium is installed
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/retry-in-ci.ts'],
      testTimeout: 120000,
    },
  ],
};
