import { fileURLToPath } from 'node:url'
import { createServer, type Alias, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceConditions } from './sourceConditions'
import { listenOnLoopback, LOOPBACK_SERVER, REACT_DEPS } from './viteTestServer'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const react18Modules = fileURLToPath(new URL('./react18/node_modules/', import.meta.url))

/**
 * `react` and `react-dom` (and their subpaths) resolved to the React 18 installed under test-support/react18,
 * so the very fixtures the React 19 tests use run on React 18. React DOM 18's own `require('react')` finds the
 * React 18 beside it by Node's resolution.
 */
const react18Aliases: Alias[] = ['react', 'react-dom'].flatMap((name) => [
  { find: new RegExp(`^${name}$`), replacement: `${react18Modules}${name}` },
  { find: new RegExp(`^${name}/(.*)$`), replacement: `${react18Modules}${name}/$1` },
])

/** A second Vite server on 127.0.0.1 serving the repository's fixtures with React 18 in place of React 19. */
export async function startReact18Server(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    clearScreen: false,
    // A cache of its own: React 18's pre-bundled chunks must never mix with the React 19 server's.
    cacheDir: fileURLToPath(new URL('../node_modules/.vite-react18', import.meta.url)),
    plugins: [react()],
    resolve: { conditions: sourceConditions.client, alias: react18Aliases },
    ssr: {
      resolve: { conditions: sourceConditions.server, externalConditions: ['@perfscope/source'] },
      noExternal: ['react', 'react-dom'],
    },
    server: LOOPBACK_SERVER,
    optimizeDeps: { noDiscovery: true, include: REACT_DEPS },
  })
  return { url: await listenOnLoopback(server, 'React 18 test server'), server }
}
