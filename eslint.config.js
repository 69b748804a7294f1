// ESLint for the whole repository: `npm run lint` (part of `npm test`). Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  // What .gitignore lists (flat config does not read it), plus the bench's written results.
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/.vite/',
    'coverage/',
    'test-results/',
    'tmp/',
    'bench/.build/',
    'bench/results/',
    '.doc-snippets/',
  ]),
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // A leading underscore marks a parameter or binding kept for its position or to drop it from a rest object.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'packages/react/src/**/*.ts'],
    extends: [reactHooks.configs.flat.recommended],
  },
  // TEMPORARY, for the lead to remove: the findings left in code other sessions were changing when the linter came
  // in (core's restructuring, the panel, the bench). They are listed file by file in the lint-format notes; fix them,
  // then delete this block. Everywhere else these rules are on.
  {
    files: ['packages/core/src/**', 'packages/react/src/panel/**', 'bench/**'],
    // The existing `prefer-rest-params` disables there would read as unused while the rule is off.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-control-regex': 'off',
      'prefer-const': 'off',
      'prefer-rest-params': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-this-alias': 'off',
      'react-hooks/exhaustive-deps': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
)
