import type { Sample } from '@perfscope/core'
import { KeyCap, recordClientSamples } from './clientSamples.ts'
import { CLIENT_DURATION_BUCKETS_MS, CLS_BUCKETS, VITAL_BUCKETS_MS } from './prometheusClient.ts'
import { requireOptional } from './requireOptional.ts'

/** Options of the OTLP outlet (`perfscopeMiddleware({ otlp: { url } })`). */
export interface OtlpOptions {
  /** The collector's OTLP/HTTP metrics URL, e.g. `http://127.0.0.1:4318/v1/metrics`. */
  url: string
  /** Extra request headers (an API key for a hosted collector). */
  headers?: Record<string, string>
  /** Milliseconds between exports (default 60 000, the SDK's default). */
  intervalMs?: number
  /** Milliseconds an export may take before it is abandoned (default 10 000). */
  timeoutMs?: number
  /** `service.name` of the resource (default `perfscope`); each instance adds its own `service.instance.id`. */
  serviceName?: string
  /** `service.instance.id` (default `<hostname>-<pid>`), so a collector can tell instances apart and sum them. */
  serviceInstanceId?: string
  /** Distinct endpoints forwarded; more fold into `endpoint="other"` (default 200). */
  maxEndpoints?: number
}

/** Forwards what browsers send, as OTLP metrics, through the OpenTelemetry metrics SDK. */
export interface OtlpForwarder {
  /** Records the samples of one decoded batch. */
  record(samples: readonly Sample[]): void
  /** Exports everything recorded so far now (tests, graceful shutdown). */
  forceFlush(): Promise<void>
  /** Exports what is left and stops the export timer. */
  shutdown(): Promise<void>
}

export const OTLP_PACKAGES_MISSING =
  'perfscope: the otlp option needs the optional peer dependencies @opentelemetry/api, @opentelemetry/sdk-metrics, @opentelemetry/resources and @opentelemetry/exporter-metrics-otlp-http (npm install them)'

type SdkMetrics = typeof import('@opentelemetry/sdk-metrics')
type Exporter = typeof import('@opentelemetry/exporter-metrics-otlp-http')
type Resources = typeof import('@opentelemetry/resources')

/**
 * Creates the forwarder: a `MeterProvider` with one `PeriodicExportingMetricReader` and the official OTLP/HTTP
 * exporter. Instruments: `perfscope.client.web_vital` (ms, by `web_vital.name`), `perfscope.client.cls`,
 * `perfscope.client.request.duration` (ms, by `endpoint`) and `perfscope.client.request.errors` (by `endpoint`).
 * Throws {@link OTLP_PACKAGES_MISSING} when the optional packages are not installed (they load only with this option).
 */
export function createOtlpForwarder(options: OtlpOptions): OtlpForwarder {
  const sdk = requireOptional<SdkMetrics>('@opentelemetry/sdk-metrics')
  const exporterModule = requireOptional<Exporter>('@opentelemetry/exporter-metrics-otlp-http')
  const resources = requireOptional<Resources>('@opentelemetry/resources')
  if (!sdk || !exporterModule || !resources) throw new Error(OTLP_PACKAGES_MISSING)
  const maxEndpoints = options.maxEndpoints ?? 200
  const exporter = new exporterModule.OTLPMetricExporter({
    url: options.url,
    headers: options.headers,
    timeoutMillis: options.timeoutMs ?? 10_000,
  })
  const reader = new sdk.PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: options.intervalMs ?? 60_000,
    exportTimeoutMillis: options.timeoutMs ?? 10_000,
    // A second bound behind the endpoint cap: the SDK folds anything past it into its overflow series.
    cardinalityLimits: { default: maxEndpoints + 2 },
  })
  const provider = new sdk.MeterProvider({
    resource: resources.resourceFromAttributes({
      'service.name': options.serviceName ?? 'perfscope',
      'service.instance.id':
        options.serviceInstanceId ?? `${globalThis.process.getBuiltinModule('node:os').hostname()}-${process.pid}`,
    }),
    readers: [reader],
  })
  const meter = provider.getMeter('@perfscope/server')
  const vitals = meter.createHistogram('perfscope.client.web_vital', {
    unit: 'ms',
    description: 'Web Vitals reported by browsers (LCP, INP, FCP, TTFB)',
    advice: { explicitBucketBoundaries: VITAL_BUCKETS_MS },
  })
  const cls = meter.createHistogram('perfscope.client.cls', {
    unit: '1',
    description: 'Cumulative Layout Shift reported by browsers',
    advice: { explicitBucketBoundaries: CLS_BUCKETS },
  })
  const duration = meter.createHistogram('perfscope.client.request.duration', {
    unit: 'ms',
    description: 'Duration of requests as measured in the browser, by endpoint',
    advice: { explicitBucketBoundaries: CLIENT_DURATION_BUCKETS_MS },
  })
  const errors = meter.createCounter('perfscope.client.request.errors', {
    description: 'Requests the browser saw fail (4xx, 5xx, network error or timeout), by endpoint',
  })
  const endpoints = new KeyCap(maxEndpoints)
  return {
    record(samples) {
      recordClientSamples(samples, endpoints, {
        cls: (value) => cls.record(value),
        vital: (name, value) => vitals.record(value, { 'web_vital.name': name }),
        request(endpoint, durationMs, error) {
          const attributes = { endpoint }
          duration.record(durationMs, attributes)
          errors.add(error ? 1 : 0, attributes)
        },
      })
    },
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  }
}
