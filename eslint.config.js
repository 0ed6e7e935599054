// ESLint flat config: @eslint/js and typescript-eslint recommended (type-aware: about 20 s on two cores), plus a few
// rules that hold the house style in /work/shared/STYLE.md (names spelled out, config read once, fakes over module
// patching). Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated or data folders, and the gitignored scratch files.
    ignores: ['node_modules/', 'index/', 'data/', 'corpus/', 'eval/corpora/', 'eval/results/', 'bench/results/', 'test/artifacts/', '.tmp-*'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // STYLE 14: `request`, `response`, `options` in our own code.
      'id-denylist': ['error', 'req', 'res', 'opts', 'cfg', 'ctx', 'cb'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `async` without `await` is how a Promise-returning seam (Answerer, Embeddings, VectorStore) is implemented here:
      // it turns a throw into a rejection, which dropping the keyword would change.
      '@typescript-eslint/require-await': 'off',
      // Passing an AbortSignal's reason (typed any) on is how a cancelled wait rejects; as only-throw-error allows.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // STYLE 3 and 12: tests pass fakes; nothing patches modules.
      'no-restricted-properties': [
        'error',
        { object: 'vi', property: 'mock', message: 'Pass a fake through the options object instead of patching a module (STYLE 3, 12).' },
        { object: 'vi', property: 'doMock', message: 'Pass a fake through the options object instead of patching a module (STYLE 3, 12).' },
      ],
    },
  },
  {
    // STYLE 6: the environment is parsed once, by src/config.ts; entry points may hand process.env to loadConfig or a child.
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts', 'src/**/*-cli.ts', 'src/http/main.ts', 'src/eval/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment in src/config.ts (loadConfig) and pass Config down (STYLE 6).' },
      ],
    },
  },
  {
    // Tests and benchmarks read untyped JSON bodies (`await response.json()`) and check them with expect().
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The web client runs in the browser.
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
