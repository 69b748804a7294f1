import { fileURLToPath } from 'node:url'
import type { Server as HttpServer } from 'node:http'
import { createServer, type Plugin, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceConditions } from './sourceConditions'
import { listenOnLoopback, LOOPBACK_SERVER, REACT_DEPS } from './viteTestServer'
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
    server: LOOPBACK_SERVER,
    optimizeDeps: { noDiscovery: true, include: REACT_DEPS },
  })
  return { url: await listenOnLoopback(server, 'test server'), server }
}
