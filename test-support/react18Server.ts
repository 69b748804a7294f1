import { fileURLToPath } from 'node:url'
import { createServer, type Alias, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceConditions } from './sourceConditions'

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
    ssr: { resolve: { conditions: sourceConditions.server, externalConditions: ['@perfscope/source'] }, noExternal: ['react', 'react-dom'] },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    optimizeDeps: {
      noDiscovery: true,
      include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'],
    },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('React 18 test server has no TCP address')
  return { url: `http://127.0.0.1:${address.port}`, server }
}
