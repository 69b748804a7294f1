import type { Server as HttpServer } from 'node:http'
import type { Plugin } from 'vite'
import { attachFeed } from './feed.ts'

/**
 * A Vite plugin that serves the playground's API (`/api/…`, see `app.ts`) and its WebSocket feed from the dev
 * server. The API is loaded through Vite's SSR module loader so `@perfscope/server` and `@perfscope/core` run from
 * their TypeScript sources, like the rest of the playground, without a build.
 */
export function playgroundApi(): Plugin {
  return {
    name: 'perfscope-playground-api',
    configureServer(server) {
      if (server.httpServer) {
        const detach = attachFeed(server.httpServer as HttpServer)
        server.httpServer.once('close', detach)
      }
      type Middleware = ReturnType<typeof import('./app.ts').createApiMiddleware>
      let api: Promise<Middleware> | null = null
      server.middlewares.use((req, res, next) => {
        api ??= server
          .ssrLoadModule('/server/app.ts')
          .then((m) => (m as typeof import('./app.ts')).createApiMiddleware())
        api.then((handle) => handle(req, res, next), next)
      })
    },
  }
}
