import type { Server as HttpServer } from 'node:http'
import type { Plugin } from 'vite'
import { route } from './api.ts'
import { attachFeed } from './feed.ts'

/** A Vite plugin that serves the playground's API (`/api/…`) and its WebSocket feed from the dev server. */
export function playgroundApi(): Plugin {
  return {
    name: 'perfscope-playground-api',
    configureServer(server) {
      if (server.httpServer) {
        const detach = attachFeed(server.httpServer as HttpServer)
        server.httpServer.once('close', detach)
      }
      server.middlewares.use((req, res, next) => {
        const handler = route(new URL(req.url ?? '/', 'http://x').pathname)
        if (handler) handler(req, res)
        else next()
      })
    },
  }
}
