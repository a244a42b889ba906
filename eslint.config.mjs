import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.devcloud/**', 'coverage/**', 'devcloud/host/worker.cjs', 'test/fixtures/**', 'bench/fixtures/**', 'test/support/esbuild-transform.cjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import { z }` pulls zod's whole namespace (all locales) into the client bundle.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod/mini'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod/mini'` so the bundle tree-shakes.",
        },
      ],
    },
  },
  {
    // core is the domain: no escape hatches, no platform.
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: ['wx-server-sdk', '@cloudbase/*', 'node:*', '../../miniprogram/*', '../../cloudfunctions/*'] }],
    },
  },
  {
    // Pages talk to the API client, never to the database or functions directly.
    files: ['miniprogram/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'wx', property: 'cloud', message: 'Use the API client in miniprogram/api.' }],
    },
  },
  {
    files: ['miniprogram/api/transport.ts', 'miniprogram/app.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
