// Three projects: pure core, functions (cloud functions + devcloud over the real wx-server-sdk),
// and pages (miniprogram-simulate with the official WXML compiler).
const transform = { '^.+\\.(ts|js)$': '<rootDir>/test/support/esbuild-transform.cjs' };
const moduleNameMapper = { '^@core$': '<rootDir>/core/index.ts', '^@core/(.*)$': '<rootDir>/core/$1' };

module.exports = {
  projects: [
    {
      displayName: 'core',
      testEnvironment: 'node',
      roots: ['<rootDir>/core'],
      testMatch: ['**/*.test.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'functions',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.page\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
      transform,
      moduleNameMapper,
      setupFiles: ['<rootDir>/test/support/node-setup.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.page.test.ts'],
      transform,
      // TDesign ships ES modules: let them through the transform.
      transformIgnorePatterns: ['/node_modules/(?!tdesign-miniprogram/)'],
      moduleNameMapper,
      setupFiles: ['<rootDir>/test/support/page-setup.ts'],
      globalSetup: '<rootDir>/test/support/pages-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/pages-global-teardown.ts',
    },
  ],
};
