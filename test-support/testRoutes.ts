import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Server as HttpServer } from 'node:http'
import { WebSocketServer } from 'ws'

/**
 * The endpoints browser tests call, served by the test server on 127.0.0.1 under `/__test/`.
 * Every one of them is bounded: delays, sizes and counts are capped so no test can run away.
 */

interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  bodyLength: number
  at: number
}

const MAX_DELAY_MS = 10_000
const MAX_BYTES = 64 * 1024 * 1024
const MAX_RECORDS_PER_BUCKET = 10_000

const buckets = new Map<string, RecordedRequest[]>()

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name)
  const n = raw === null ? fallback : Number(raw)
  return Number.isFinite(n) ? Math.max(0, Math.min(max, Math.floor(n))) : fallback
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Records every request whose path starts with `/__test/record/<bucket>`; `/__test/log/<bucket>` lists them. */
function record(bucket: string, req: IncomingMessage, bodyLength: number): void {
  const list = buckets.get(bucket) ?? []
  if (list.length < MAX_RECORDS_PER_BUCKET) {
    list.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers, bodyLength, at: Date.now() })
  }
  buckets.set(bucket, list)
}

/** Handles a `/__test/…` request; returns false for any other path so the next middleware runs. */
export async function handleTestRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (!url.pathname.startsWith('/__test/')) return false
  const [, , route, ...rest] = url.pathname.split('/')
  const delay = intParam(url, 'delay', 0, MAX_DELAY_MS)
  const status = intParam(url, 'status', 200, 599) || 200
  const body = await readBody(req)
  if (delay) await sleep(delay)

  switch (route) {
    case 'echo': {
      const payload = JSON.stringify({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: body.toString('utf8'),
        bodyLength: body.length,
      })
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(payload)
      return true
    }
    case 'json': {
      const size = intParam(url, 'size', 64, MAX_BYTES)
      const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' }
      const serverTiming = url.searchParams.get('serverTiming')
      if (serverTiming) headers['server-timing'] = serverTiming
      res.writeHead(status, headers)
      res.end(JSON.stringify({ ok: status < 400, pad: 'x'.repeat(Math.max(0, size - 20)) }))
      return true
    }
    case 'bytes': {
      const size = intParam(url, 'size', 1024, MAX_BYTES)
      res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': String(size) })
      res.end(Buffer.alloc(size, 97))
      return true
    }
    case 'stream': {
      const chunks = intParam(url, 'chunks', 5, 100_000)
      const interval = intParam(url, 'interval', 50, 5_000)
      const size = intParam(url, 'size', 16, 1024 * 1024)
      res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store' })
      const chunk = Buffer.alloc(size, 98)
      let closed = false
      res.on('close', () => (closed = true))
      let written = 0
      for (let i = 0; i < chunks && !closed; i++) {
        res.write(chunk)
        written++
        if (interval) await sleep(interval)
      }
      res.end()
      // `?bucket=x` logs how many chunks went out, so a test can tell whether anyone kept reading the stream.
      const bucket = url.searchParams.get('bucket')
      if (bucket) record(bucket, req, written)
      return true
    }
    case 'sse': {
      const events = intParam(url, 'events', 3, 10_000)
      const interval = intParam(url, 'interval', 50, 5_000)
      res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      // `?retry=ms` sets the browser's reconnection delay (the default is seconds).
      const retry = intParam(url, 'retry', 0, MAX_DELAY_MS)
      if (retry) res.write(`retry: ${retry}\n\n`)
      let closed = false
      res.on('close', () => (closed = true))
      for (let i = 0; i < events && !closed; i++) {
        res.write(`id: ${i}\ndata: event ${i}\n\n`)
        if (interval) await sleep(interval)
      }
      res.end()
      return true
    }
    case 'record': {
      record(rest[0] ?? 'default', req, body.length)
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(JSON.stringify({ ok: true }))
      return true
    }
    case 'redirect': {
      // `/__test/redirect?to=<url>`: a 302 to any URL (the load simulator must not follow it).
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/', 'cache-control': 'no-store' })
      res.end()
      return true
    }
    case 'log': {
      const bucket = rest[0] ?? 'default'
      if (req.method === 'DELETE') buckets.delete(bucket)
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(JSON.stringify(buckets.get(bucket) ?? []))
      return true
    }
    default:
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end(`no test route ${route}`)
      return true
  }
}

/** Echoes every WebSocket message on `/__test/ws`; `/__test/ws-close?code=N` closes at once with that code. */
export function attachTestWebSockets(server: HttpServer): void {
  const wss = new WebSocketServer({ noServer: true })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/__test/ws')) return
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (url.pathname === '/__test/ws-close') {
        ws.close(Number(url.searchParams.get('code') ?? 1000))
        return
      }
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
    })
  })
}
