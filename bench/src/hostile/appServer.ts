import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { perfscopeMiddleware } from '@perfscope/server'

/**
 * The app the hostile-traffic bench attacks, in a process of its own (so the attackers' and the measuring
 * client's work is not on its event loop): `node:http` with `perfscopeMiddleware()` keeping summaries in
 * `PERFSCOPE_DIR`. `/items` builds a small JSON reply; `/__stats` reports RSS and the ingest's counters.
 * `PERFSCOPE_MAX_BATCH_BYTES=1` makes a reference app that refuses every batch unread.
 * Sends `{ port }` to the parent once listening.
 */
const maxBatchBytes = process.env.PERFSCOPE_MAX_BATCH_BYTES ? Number(process.env.PERFSCOPE_MAX_BATCH_BYTES) : undefined
const unlimited = { perClient: 1e6, clientBurst: 1e6, total: 1e6, totalBurst: 1e6 }
// The decoder is what this measures: writes are not rate-limited here (by default one client may send 2 batches a
// second and all together 200, which would refuse most of the attack before it is decoded).
const options = {
  store: { dir: process.env.PERFSCOPE_DIR! },
  rateLimit: unlimited,
  ...(maxBatchBytes ? { maxBatchBytes } : {}),
}
const mw = perfscopeMiddleware(options)
const items = Array.from({ length: 50 }, (_, i) => ({ id: i, name: `item ${i}`, price: i * 1.5 }))

const server = createServer((req, res) => {
  if (req.url === '/__stats') {
    const { ingest, store } = mw.perfscope
    void store.flush().then(() => {
      // Retained memory, not garbage the collector has not reached yet.
      ;(globalThis as { gc?: () => void }).gc?.()
      res.setHeader('content-type', 'application/json')
      res.end(
        JSON.stringify({
          rss: process.memoryUsage().rss,
          pending: ingest.pending,
          counters: ingest.counters,
          store: store.status(),
        }),
      )
    })
    return
  }
  mw(req, res, () => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ items: items.filter((item) => item.id % 2 === 0) }))
  })
})
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }))
process.on('disconnect', () => process.exit(0))
