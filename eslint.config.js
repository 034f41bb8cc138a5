import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** One seam per library: each of these is imported by exactly one file (see STYLE habits). */
const seams = [
  { name: 'axios', file: 'src/em/http.ts' },
  { name: 'saxes', file: 'src/em/xml.ts' },
  { name: 'node-cron', file: 'src/shared/scheduler.ts' },
  { name: 'lowdb', file: 'src/watcher/lowdb-alert-store.ts' },
  { name: 'vega', file: 'src/digest/chart-render.ts' },
  { name: 'vega-lite', file: 'src/digest/chart-render.ts' },
  { name: '@resvg/resvg-js', file: 'src/digest/chart-render.ts' },
  { name: 'pg', file: 'src/store/postgres/pg.ts' },
  { name: 'prom-client', file: 'src/metrics/registry.ts' },
];

/** Our parts, by folder, as import patterns. */
const ours = (...folders) => folders.map((f) => `**/${f}/**`);
const chatLibraries = ['@slack/*', 'node:readline', 'readline'];

/**
 * Which way imports flow (README "Architecture"): views are pure, em/ stands alone on shared/, and only
 * slack/ and console/ talk to Bolt or the terminal. Type-only imports of Block Kit's types are allowed.
 */
const layers = [
  {
    files: ['src/views/**/*.ts'],
    group: [
      ...ours('slack', 'console', 'watcher', 'commands', 'simulator', 'doctor', 'config'),
      '**/em/client*',
      '**/em/http*',
      '**/em/auth*',
      '**/em/connect*',
      'node:*',
      ...chatLibraries,
    ],
    message: 'views/ are pure: they import no I/O part (only em/ types, shared/ and views/).',
  },
  {
    files: ['src/em/**/*.ts'],
    group: [
      ...ours('slack', 'console', 'watcher', 'commands', 'simulator', 'doctor', 'config', 'views'),
      ...chatLibraries,
    ],
    message: 'em/ imports nothing of ours but shared/.',
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/views/**', 'src/em/**', 'src/slack/**', 'src/console/**'],
    group: chatLibraries,
    message: 'Only slack/ and console/ import Bolt or the terminal.',
  },
].map(({ files, ignores, group, message }) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ group, message, allowTypeImports: group === chatLibraries ? false : true }] },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'data/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: seams.map((s) => s.file),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: seams.map((s) => ({ name: s.name, message: `Only ${s.file} imports ${s.name}.` })),
          patterns: [{ group: ['lowdb/*'], message: 'Only the lowdb alert store imports lowdb.' }],
        },
      ],
    },
  },
  ...layers,
);
