import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'build/**',
      'data/**',
      'coverage/**',
      'node_modules/**',
      'test-artifacts/**',
      'tmp/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // The core knows nothing of the Bot Framework or HTTP, so it moves unchanged to another SDK.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder*', 'botframework*', 'restify*'],
              message: 'src/core must not depend on the Bot Framework or HTTP.',
            },
            {
              group: ['**/bot/**', '**/server/**', '../../dialogs/**'],
              message: 'src/core must not depend on the bot layer.',
            },
          ],
        },
      ],
    },
  },
);
