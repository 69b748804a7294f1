import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Starts a real `node:http` server on 127.0.0.1 and returns its base URL and a close function. */
export async function listen(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A small app: `/items` answers JSON, `/fail` answers 500, `/slow-db` runs a timed query. */
export function app(req: IncomingMessage, res: ServerResponse): void {
  if (req.url?.startsWith('/fail')) {
    res.writeHead(500, { 'content-type': 'text/plain', 'x-app': 'yes' })
    res.end('broken')
    return
  }
  res.setHeader('x-app', 'yes')
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ items: [1, 2, 3], url: req.url }))
}

/** Waits for the ingest queue's `setImmediate` drain. */
export const tick = () => new Promise((resolve) => setImmediate(resolve))
