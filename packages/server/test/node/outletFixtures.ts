import type { IncomingMessage, ServerResponse } from 'node:http'
import { encodeBatch } from '@perfscope/core/codec'
import { trackDbQuery, type PerfscopeServerOptions } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { listen } from './helpers.ts'

/** Options that open the Prometheus endpoint to the test (`authorize`: reads are closed by default). */
export function openMetricsOptions(extra: PerfscopeServerOptions = {}): PerfscopeServerOptions {
  return { prometheus: true, authorize: () => true, ...extra }
}

/** An app: `/items` answers at once, `/slow` after 300 ms, `/fail` with a 500, `/db` after a timed query. */
export async function outletApp(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = req.url ?? '/'
  if (path.startsWith('/fail')) {
    res.statusCode = 500
    res.end('broken')
    return
  }
  if (path.startsWith('/slow')) await new Promise((r) => setTimeout(r, 300))
  if (path.startsWith('/db')) await trackDbQuery('select items', () => new Promise((r) => setTimeout(r, 5)))
  res.setHeader('content-type', 'application/json')
  res.end('{"ok":true}')
}

/** Starts `outletApp` behind the middleware of a perfscope instance of its own, on 127.0.0.1. */
export async function serveOutletApp(options: PerfscopeServerOptions) {
  const mw = freshPerfscope(options).middleware()
  const server = await listen((req, res) => mw(req, res, () => void outletApp(req, res)))
  return { ...server, mw }
}

/** What one page sends: its vitals and the requests it saw, by endpoint key. */
export interface PageMeasures {
  vitals?: Partial<Record<'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB', number>>
  requests?: Array<{ endpoint: string; ms: number; status?: number; error?: string }>
}

/** One real encoded batch (the core codec, as a browser sends it in `X-Perfscope-Batch`). */
export function pageBatch(batchId: number, page: PageMeasures): string {
  const samples = [
    ...Object.entries(page.vitals ?? {}).map(([name, v], i) => ({ key: `vital.${name}`, t: 100 + i, v })),
    ...(page.requests ?? []).map((r, i) => ({
      key: `http.${r.endpoint}`,
      t: 500 + i * 10,
      v: r.ms,
      tags: r.error ? { error: r.error } : { status: String(r.status ?? 200) },
    })),
  ]
  return encodeBatch({ samples, batchId, timeOrigin: Date.now() })
}
