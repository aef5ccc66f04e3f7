import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** What main/core may not import, with `more` patterns (see the two main/core blocks below). */
const coreImports = (more) => ({
  paths: [{ name: 'electron', message: 'main/core must not import electron: it runs under plain Node (tests, CLI, browser mode).' }],
  patterns: [
    {
      group: ['**/preload', '**/preload/**'],
      message: 'main/core must not import preload/: put shared record and view types in main/core/domain.',
    },
    ...more,
  ],
});

/** The read model's private parts: only main/core/standing imports them. */
const standingPrivate = [
  {
    group: ['**/standing/*'],
    message: "Ask a person's standing of the read model (main/core/standing, its index): its files are its own.",
  },
  {
    group: ['**/store/evaluation-reads'],
    importNames: ['standingReads'],
    message: "The window reads are the read model's private queries (main/core/standing): ask it instead.",
  },
];

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
    // bin/recert.js is the CommonJS entry npm links as the `recert` command; test helpers preloaded
    // into child processes with --require are CommonJS too.
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'build/**/*.cjs', 'test/helpers/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The runtime boundary: everything under main/core runs in Node tests, the CLI and browser mode too.
    files: ['preload/contract/**/*.ts', 'preload/method-names.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The contract must not import electron: it runs under plain Node (tests, CLI, browser mode).' },
          ],
        },
      ],
    },
  },
  {
    // main/core is the bottom layer: no electron, and nothing from the preload or the contract, which
    // build on main/core/domain rather than the other way round. A person's standing is read through
    // main/core/standing (its index) alone: its other files and the store's window reads are its own.
    files: ['main/core/**/*.ts'],
    ignores: ['main/core/standing/**'],
    rules: { 'no-restricted-imports': ['error', coreImports([...standingPrivate])] },
  },
  {
    files: ['main/core/standing/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreImports([])] },
  },
  {
    // The desktop glue and the command line ask the read model too.
    files: ['main/**/*.ts'],
    ignores: ['main/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: standingPrivate }] },
  },
  {
    // Domain types belong to no runtime: the renderer's type-check includes them.
    files: ['main/core/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'main/core/domain is pure TypeScript.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'main/core/domain is pure TypeScript: no Node built-ins.' })),
          ],
          patterns: [
            {
              group: ['**/preload', '**/preload/**', '**/store/**', '**/packet/**'],
              message: 'main/core/domain imports only other pure modules.',
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
