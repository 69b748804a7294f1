import { defaultClientConditions, defaultServerConditions } from 'vite'

/**
 * Resolve workspace packages to their TypeScript sources (the `@perfscope/source` export condition),
 * so the playground and the tests run without a build step.
 */
export const sourceConditions = {
  client: ['@perfscope/source', ...defaultClientConditions],
  server: ['@perfscope/source', ...defaultServerConditions],
}
