import type { PerfReport } from './report.ts'

type AnyValue = { stringValue: string }
type KeyValue = { key: string; value: AnyValue }

const attr = (key: string, value: string): KeyValue => ({ key, value: { stringValue: value } })
/** OTLP/JSON writes 64-bit integers as strings (the protobuf JSON mapping). */
const nanos = (epochMs: number): string => (BigInt(Math.round(epochMs)) * 1_000_000n).toString()

/**
 * OpenTelemetry OTLP/JSON metrics (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding), ready to
 * POST to a Collector's `/v1/metrics`: endpoint latency as summaries with quantiles, request and error counts as
 * cumulative sums, Web Vitals as gauges.
 */
export function toOtlp(report: PerfReport, version: string): Record<string, unknown> {
  const time = nanos(Date.parse(report.generatedAt))
  const start = nanos(Date.parse(report.generatedAt) - 1)
  const route = (key: string) => [attr('http.route', key)]
  const metrics: Record<string, unknown>[] = [
    {
      name: 'http.client.request.duration',
      unit: 'ms',
      description: 'Time to response headers, per endpoint',
      summary: {
        dataPoints: report.endpoints.map((e) => ({
          attributes: route(e.key),
          startTimeUnixNano: start,
          timeUnixNano: time,
          count: String(e.latency.count),
          sum: (e.latency.mean ?? 0) * e.latency.count,
          quantileValues: (
            [
              [0.5, e.latency.p50],
              [0.9, e.latency.p90],
              [0.95, e.latency.p95],
              [0.99, e.latency.p99],
              [1, e.latency.max],
            ] as const
          )
            .filter(([, v]) => v !== null)
            .map(([quantile, value]) => ({ quantile, value })),
        })),
      },
    },
    {
      name: 'http.client.request.errors',
      unit: '{request}',
      sum: {
        aggregationTemporality: 2,
        isMonotonic: true,
        dataPoints: report.endpoints.map((e) => ({
          attributes: route(e.key),
          startTimeUnixNano: start,
          timeUnixNano: time,
          asInt: String(e.errors),
        })),
      },
    },
  ]
  for (const [name, v] of Object.entries(report.vitals)) {
    metrics.push({
      name: `web_vitals.${name.toLowerCase()}`,
      unit: name === 'CLS' ? '1' : 'ms',
      gauge: { dataPoints: [{ attributes: [attr('rating', v!.rating)], timeUnixNano: time, asDouble: v!.value }] },
    })
  }
  return {
    resourceMetrics: [
      {
        resource: {
          attributes: [attr('service.name', 'perfscope'), ...(report.page ? [attr('url.full', report.page)] : [])],
        },
        scopeMetrics: [{ scope: { name: '@perfscope/core', version }, metrics }],
      },
    ],
  }
}
