import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** One seam per library: each of these is imported by exactly one file (see STYLE habits). */
const seams = [
  { name: 'axios', file: 'src/em/http.ts' },
  { name: 'fast-xml-parser', file: 'src/em/xml.ts' },
  { name: 'node-cron', file: 'src/watcher/scheduler.ts' },
  { name: 'lowdb', file: 'src/watcher/lowdb-alert-store.ts' },
];

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
);
