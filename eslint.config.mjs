// ESLint: a small set of rules that catch bugs tsc does not, and keep the import rules of
// the developers' guide. Formatting is Prettier's (npm run format:check), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  { ignores: ['dist/', 'node_modules/', 'cdktf.out*/', '.gen/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // tsc reports unused locals and parameters (noUnusedLocals, noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // A promise nobody awaits loses its error, and a CLI may exit before it settles.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A value import of something used only as a type still loads its module at run time.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message: 'Import the resource by deep path (@cdktf/provider-aws/lib/<resource>): the package root loads every resource.',
            },
            {
              name: '@cdktn/provider-aws',
              message: 'Import the resource by deep path (@cdktn/provider-aws/lib/<resource>): the package root loads every resource.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read synthesized JSON and edit parsed YAML, which have no types to state.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Node's own CommonJS files: configs and the require hook that NODE_OPTIONS preloads.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
