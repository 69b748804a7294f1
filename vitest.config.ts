import { defineConfig } from 'vitest/config'
import { sourceConditions } from './test-support/sourceConditions.ts'

export default defineConfig({
  resolve: { conditions: sourceConditions.client },
  ssr: { resolve: { conditions: sourceConditions.server, externalConditions: ['@perfscope/source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['packages/*/src/**/__tests__/**/*.test.{ts,tsx}', 'bench/src/**/__tests__/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/test/node/**/*.test.{ts,tsx}', 'scripts/__tests__/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['packages/*/test/browser/**/*.test.ts', 'playground/test/**/*.test.ts'],
          globalSetup: ['test-support/browserGlobalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: more than two files driving Chromium at once only adds noise and timeouts.
          maxWorkers: 2,
          // After the fast projects, so Chromium does not compete with them for the two cores.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // Fresh apps made from the registry (create-vite, Next.js) with perfscope installed from `npm pack`.
          name: 'consumers',
          environment: 'node',
          include: ['test/consumers/**/*.test.ts'],
          globalSetup: ['test/consumers/globalSetup.ts'],
          // npm installs and production builds: minutes, not seconds; each step has its own, tighter limit.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // One app at a time: two installs and builds at once on two cores only slow both down.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
