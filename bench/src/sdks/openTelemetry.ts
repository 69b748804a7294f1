import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch'
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request'
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web'

/**
 * OpenTelemetry's minimal web tracing: a registered `WebTracerProvider` with the fetch and XHR instrumentations.
 * Spans are recorded but, with no exporter configured, not sent anywhere (an exporter would only add cost).
 */
export function install(_origin: string): WebTracerProvider {
  const provider = new WebTracerProvider()
  provider.register()
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new FetchInstrumentation(), new XMLHttpRequestInstrumentation()],
  })
  return provider
}
