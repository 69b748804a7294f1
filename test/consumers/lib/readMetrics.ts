import type { AppServer } from './startAppServer.ts'

/** What `GET /api/performance-metrics` answers (the parts the consumer-app tests read). */
export interface MetricsReply {
  days: {
    client: { batches: number; metrics: Record<string, { count: number }> }
    server: { requests: number; routes: Record<string, { count: number }> }
  }[]
  ingest: { accepted: number; received: number; pending: number }
}

/** Reads the app's metrics endpoint, with a bearer token when given; the body only when it answered 2xx. */
export async function readMetrics(
  server: AppServer,
  token?: string,
): Promise<{ status: number; body: MetricsReply | undefined }> {
  const response = await fetch(`${server.url}/api/performance-metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  const text = await response.text()
  return { status: response.status, body: response.ok ? (JSON.parse(text) as MetricsReply) : undefined }
}

/** The sorted keys of a record (none for undefined). */
export const keysOf = (record: Record<string, unknown> | undefined): string[] => Object.keys(record ?? {}).sort()
