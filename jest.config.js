// Six projects, named by what a test exercises:
// - core: pure domain functions;
// - functions: cloud functions on devcloud through the real wx-server-sdk (test/<feature>/*.functions.test.ts);
// - devcloud: the emulator itself (test/devcloud/*.devcloud.test.ts);
// - pages: pages on miniprogram-simulate with the official WXML compiler (*.page.test.ts);
// - browser: the web preview and console in headless Chromium (*.browser.test.ts);
// - repo: checks on the repository (docs current, templates compile, layering, names, styles: *.repo.test.ts).
const transform = { '^.+\\.(ts|js)$': '<rootDir>/test/support/esbuild-transform.cjs' };
const moduleNameMapper = { '^@core$': '<rootDir>/core/index.ts', '^@core/(.*)$': '<rootDir>/core/$1' };
const onDevcloud = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform,
  moduleNameMapper,
  setupFiles: ['<rootDir>/test/support/node-setup.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};

module.exports = {
  projects: [
    { displayName: 'core', testEnvironment: 'node', roots: ['<rootDir>/core'], testMatch: ['**/*.test.ts'], transform, moduleNameMapper },
    { displayName: 'functions', ...onDevcloud, testMatch: ['**/*.functions.test.ts'] },
    { displayName: 'devcloud', ...onDevcloud, testMatch: ['**/*.devcloud.test.ts'] },
    { displayName: 'browser', ...onDevcloud, testMatch: ['**/*.browser.test.ts'] },
    { displayName: 'repo', testEnvironment: 'node', roots: ['<rootDir>/test'], testMatch: ['**/*.repo.test.ts'], transform, moduleNameMapper },
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
