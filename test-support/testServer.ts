import { fileURLToPath } from 'node:url'
import type { Server as HttpServer } from 'node:http'
import { createServer, type Plugin, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceConditions } from './sourceConditions'
import { handlePerfscopeRoute } from './perfscopeRoutes'
import { attachTestWebSockets, handleTestRoute } from './testRoutes'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

function testRoutes(): Plugin {
  return {
    name: 'perfscope-test-routes',
    configureServer(server) {
      if (server.httpServer) attachTestWebSockets(server.httpServer as HttpServer)
      server.middlewares.use((req, res, next) => {
        if (handlePerfscopeRoute(req, res)) return
        handleTestRoute(req, res).then(
          (handled) => handled || next(),
          (error: unknown) => next(error),
        )
      })
    },
  }
}

/**
 * A real HTTP server on 127.0.0.1 for browser tests: Vite serves the fixture pages (and perfscope's sources,
 * through the `@perfscope/source` condition), and `/__test/…` serves bounded test endpoints.
 */
export async function startTestServer(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    clearScreen: false,
    plugins: [react(), testRoutes()],
    resolve: { conditions: sourceConditions.client },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    optimizeDeps: {
      // Pre-bundle the CommonJS deps up front and never discover more at run time: a discovery
      // reloads the page in the middle of a test.
      noDiscovery: true,
      include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'],
    },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('test server has no TCP address')
  return { url: `http://127.0.0.1:${address.port}`, server }
}
