// Lint for every TypeScript file we write (product, pages, tests, bench) with typescript-eslint's
// strictest type-aware presets, plus the layering of the design as import rules:
//   interactions/ (pages)  →  src/ services  →  src/ stores  →  database, Redis
// Nothing below imports what is above it; only the composition root (src/server.ts, which builds
// the web application from the pages and the services) and the entry point (src/main.ts) see both.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DRIVERS = ['@prisma/*', 'pg', 'better-sqlite3', 'ioredis'];

/** `no-restricted-imports` patterns, each with the reason a reader sees. */
const forbid = (...rules) => ['error', { patterns: rules.map(([group, message]) => ({ group, message })) }];

const pagesOnTop = [
  ['**/interactions/**'],
  'The pages (interactions/) are the top layer: src/ never imports them; pass what it needs in from src/server.ts.',
];
const noDatabaseInPages = [
  ['**/src/database/**', ...DRIVERS],
  'Pages talk to services, never to the database or Redis.',
];
const noHttpInStores = [
  ['koa', '@koa/*', 'node:http'],
  'Stores and services know no HTTP: the page or middleware translates.',
];

export default tseslint.config(
  {
    ignores: ['dist/', 'dist-bench/', 'coverage/', 'node_modules/', 'data/', 'keys/', 'src/database/generated/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unnecessary-condition': 'error',
      // Numbers and URLs in messages are fine; other objects and undefined are not.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allow: [
            { name: ['URL', 'URLSearchParams'], from: 'lib' },
            { name: ['URL', 'URLSearchParams'], from: 'package', package: 'url' },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // `return show(ctx)` ends a handler that answers by side effect: the house style, and clear.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // With noUncheckedIndexedAccess, `rows[0]!` after a length check says "known to be there";
      // the alternatives (`?? ''`, a silent default) would hide the bug the `!` would crash on.
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server.ts', 'src/main.ts'],
    rules: { 'no-restricted-imports': forbid(pagesOnTop) },
  },
  {
    files: [
      'src/accounts/**',
      'src/audit/**',
      'src/clients/**',
      'src/database/**',
      'src/mfa/**',
      'src/signin/**',
      'src/**/store.ts',
      'src/**/*-store.ts',
    ],
    rules: { 'no-restricted-imports': forbid(pagesOnTop, noHttpInStores) },
  },
  {
    files: ['interactions/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(noDatabaseInPages) },
  },
  {
    // Tests use jest's globals, and jest types its asymmetric matchers (expect.any,
    // expect.objectContaining…) as `any`.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      // A test's no-op callbacks (a listener that ignores, a cleanup with nothing to do).
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
