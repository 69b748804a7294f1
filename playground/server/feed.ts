import type { Server as HttpServer } from 'node:http'
import { WebSocketServer } from 'ws'

/** The WebSocket feed path. */
export const FEED_PATH = '/api/feed'
/** A feed connection sends this many messages at most (one a second), then closes normally. */
export const FEED_MAX_MESSAGES = 600

/**
 * Serves a WebSocket price-ticker feed at {@link FEED_PATH}: a message a second, echoes client pings.
 * Other upgrade requests (Vite's HMR socket) are left alone.
 */
export function attachFeed(server: HttpServer): () => void {
  const wss = new WebSocketServer({ noServer: true })
  const onUpgrade = (req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== FEED_PATH) return
    wss.handleUpgrade(req, socket, head, (ws) => {
      let sent = 0
      const timer = setInterval(() => {
        sent++
        ws.send(JSON.stringify({ n: sent, symbol: 'PSC', price: +(100 + 10 * Math.sin(Date.now() / 9000)).toFixed(2) }))
        if (sent >= FEED_MAX_MESSAGES) ws.close(1000, 'feed limit reached')
      }, 1000)
      ws.on('message', (data) => ws.send(JSON.stringify({ pong: String(data).slice(0, 100) })))
      ws.on('close', () => clearInterval(timer))
    })
  }
  server.on('upgrade', onUpgrade)
  return () => {
    server.off('upgrade', onUpgrade)
    for (const client of wss.clients) client.terminate()
    wss.close()
  }
}
