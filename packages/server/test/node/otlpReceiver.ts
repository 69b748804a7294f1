import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** OTLP/JSON attribute value (the protobuf JSON mapping of `AnyValue`). */
type AnyValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean }
/** One histogram or sum data point as OTLP/JSON writes it. */
export interface OtlpPoint {
  attributes?: Array<{ key: string; value: AnyValue }>
  count?: number | string
  sum?: number
  bucketCounts?: Array<number | string>
  explicitBounds?: number[]
  asInt?: number | string
  asDouble?: number
}
interface OtlpMetric {
  name: string
  unit?: string
  histogram?: { dataPoints: OtlpPoint[]; aggregationTemporality: number }
  sum?: { dataPoints: OtlpPoint[]; isMonotonic?: boolean; aggregationTemporality: number }
}
/** `ExportMetricsServiceRequest` in the OTLP/JSON encoding (opentelemetry-proto, collector/metrics/v1). */
export interface ExportMetricsServiceRequest {
  resourceMetrics: Array<{
    resource?: { attributes?: Array<{ key: string; value: AnyValue }> }
    scopeMetrics: Array<{ scope?: { name?: string }; metrics: OtlpMetric[] }>
  }>
}

const MAX_BODY = 4 * 1024 * 1024

/**
 * A loopback OTLP/HTTP receiver: answers `POST /v1/metrics` with `application/json` bodies (the OTLP/JSON encoding)
 * as a collector does, keeps every decoded request, and refuses anything else.
 */
export async function startOtlpReceiver() {
  const requests: ExportMetricsServiceRequest[] = []
  const refused: string[] = []
  const server = createServer((req, res) => {
    if (
      req.method !== 'POST' ||
      req.url !== '/v1/metrics' ||
      !String(req.headers['content-type']).startsWith('application/json')
    ) {
      refused.push(`${req.method} ${req.url} ${req.headers['content-type']}`)
      res.writeHead(415).end()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => {
      if (size > MAX_BODY) {
        res.writeHead(413).end()
        return
      }
      requests.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportMetricsServiceRequest)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1/metrics`,
    requests,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The string value of an attribute. */
export function attr(
  point: { attributes?: Array<{ key: string; value: AnyValue }> } | undefined,
  key: string,
): string | undefined {
  return point?.attributes?.find((a) => a.key === key)?.value.stringValue
}

/** Every data point of metric `name` in the latest request from each `service.instance.id` (cumulative temporality). */
export function latestPoints(
  requests: readonly ExportMetricsServiceRequest[],
  name: string,
): Array<OtlpPoint & { instance: string }> {
  const latest = new Map<string, OtlpPoint[]>()
  for (const request of requests) {
    for (const rm of request.resourceMetrics) {
      const instance = attr(rm.resource, 'service.instance.id') ?? ''
      for (const sm of rm.scopeMetrics) {
        for (const m of sm.metrics) {
          if (m.name !== name) continue
          latest.set(instance, (m.histogram ?? m.sum)!.dataPoints)
        }
      }
    }
  }
  return [...latest].flatMap(([instance, points]) => points.map((p) => ({ ...p, instance })))
}
