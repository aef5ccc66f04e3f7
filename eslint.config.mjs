import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.electron-native/**', 'test-results/**', 'playwright-report/**', 'test/bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // bin/recert.js is the CommonJS entry npm links as the `recert` command.
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The runtime boundary: everything under main/core runs in Node tests, the CLI and browser mode too.
    files: ['main/core/**/*.ts', 'preload/contract.ts', 'preload/method-names.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'main/core and the contract must not import electron: they run under plain Node (tests, CLI, browser mode).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        HTMLElement: 'readonly',
        File: 'readonly',
        FileReader: 'readonly',
        requestAnimationFrame: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Screens load their data in effects keyed on what they show (a person, a credential) and
      // reset it first; that is the pattern this rule flags, on purpose here.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches main only through window.recert.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node built-ins.' })),
          ],
          patterns: [
            {
              group: ['**/main/core/store/**', '**/main/core/rules/**', 'better-sqlite3'],
              message: 'The renderer never builds SQL or decides a rule.',
            },
          ],
        },
      ],
    },
  },
);
