import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // CommonJS scripts (loaded with node --require) may only require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Regexes run on what peers send: none may backtrack super-linearly (ReDoS).
    files: [
      'src-main/**/*.ts',
      'src-shared/**/*.ts',
      'src-renderer/**/*.{ts,tsx}',
      'preload/**/*.ts',
    ],
    plugins: { regexp },
    rules: {
      ...regexp.configs.recommended.rules,
      'regexp/no-super-linear-move': 'error',
      // Control characters are matched on purpose: to strip them from names and text.
      'no-control-regex': 'off',
    },
  },
  {
    // The core runs under plain Node and in tests; Electron must never leak into it.
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'src-main/core runs under plain Node: never import electron here.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer sees only window.pigeon: no Node built-ins, no main-process code.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'fs', 'path', 'dgram', 'net'],
              message: 'The renderer sees only window.pigeon.',
            },
            {
              group: ['**/src-main/**'],
              message: 'The renderer may import only the shared contract (src-shared).',
            },
          ],
        },
      ],
    },
  },
);
