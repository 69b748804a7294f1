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
    'bench/.build-profile/',
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
)
