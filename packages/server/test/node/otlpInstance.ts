/**
 * One app instance with the OTLP outlet, run as its own Node process (as a deployed instance would be):
 * `OTLP_URL`, `OTLP_INSTANCE` and `OTLP_MAX_ENDPOINTS` configure it; it prints `READY <base url>` once listening;
 * `POST /__flush` exports now; SIGTERM shuts the exporter down and exits.
 */
import { listen } from './helpers.ts'
import { outletApp } from './outletFixtures.ts'
import { perfscopeMiddleware } from '@perfscope/server'

const mw = perfscopeMiddleware({
  otlp: {
    url: process.env.OTLP_URL!,
    // Long: only /__flush exports, so a test reads one known state.
    intervalMs: 60_000,
    serviceName: 'shop',
    serviceInstanceId: process.env.OTLP_INSTANCE,
    maxEndpoints: process.env.OTLP_MAX_ENDPOINTS ? Number(process.env.OTLP_MAX_ENDPOINTS) : undefined,
  },
})
const otlp = mw.perfscope.otlp!
const server = await listen((req, res) => {
  if (req.url === '/__flush' && req.method === 'POST') {
    // Batches are decoded in slices after their request was answered: export once they are all in.
    mw.perfscope.ingest
      .idle()
      .then(() => otlp.forceFlush())
      .then(
        () => res.writeHead(204).end(),
        (error: Error) => res.writeHead(500).end(error.message),
      )
    return
  }
  mw(req, res, () => void outletApp(req, res))
})
process.on('SIGTERM', () => {
  void otlp.shutdown().finally(() => server.close().then(() => process.exit(0)))
})
process.stdout.write(`READY ${server.url}\n`)
