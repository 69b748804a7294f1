import { fileURLToPath } from 'node:url'
import { perfscopeCompileHints } from '@perfscope/core/vite'
import type { PluginOption } from 'vite'

/** One SDK the bench measures: an id, a label for the table, and the module whose `install(origin)` sets it up. */
export interface SdkDefinition {
  id: string
  label: string
  /** Absolute path of the module that exports `install(origin: string)`. */
  module: string
  /** What "initialised minimally" means for this SDK, in one line for the docs and the JSON. */
  setup: string
  /** Build plugins the SDK's docs tell an app to add, used for every page that installs it. */
  plugins?: () => PluginOption[]
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/** The baseline every ratio is taken against. */
export const NATIVE: SdkDefinition = {
  id: 'native',
  label: 'native (no SDK)',
  module: here('./native.ts'),
  setup: 'no monitoring SDK',
}

/** perfscope itself, built as its docs say: with its compile-hint plugin. */
export const PERFSCOPE: SdkDefinition = {
  id: 'perfscope',
  label: 'perfscope',
  module: here('./perfscope.ts'),
  setup: 'createMonitor().start() with the default sources; the app built with perfscopeCompileHints()',
  plugins: () => [perfscopeCompileHints()],
}

/** perfscope in an app built without its plugin: what the plugin saves at start-up. */
export const PERFSCOPE_WITHOUT_PLUGIN: SdkDefinition = {
  id: 'perfscope-without-plugin',
  label: 'perfscope, app built without perfscopeCompileHints()',
  module: here('./perfscope.ts'),
  setup: 'createMonitor().start() with the default sources, no build plugin',
}

/** The SDKs perfscope is compared against, in table order. */
export const RIVALS: readonly SdkDefinition[] = [
  {
    id: 'web-vitals',
    label: 'web-vitals/attribution',
    module: here('./webVitals.ts'),
    setup: 'onCLS/onFCP/onINP/onLCP/onTTFB from web-vitals/attribution',
  },
  {
    id: 'sentry',
    label: '@sentry/browser + tracing',
    module: here('./sentry.ts'),
    setup: 'init({ dsn, integrations: [browserTracingIntegration()], tracesSampleRate: 1 })',
  },
  {
    id: 'otel',
    label: 'OpenTelemetry web (fetch + XHR)',
    module: here('./openTelemetry.ts'),
    setup: 'WebTracerProvider.register() + FetchInstrumentation + XMLHttpRequestInstrumentation, no exporter',
  },
  {
    id: 'datadog',
    label: '@datadog/browser-rum',
    module: here('./datadog.ts'),
    setup:
      'datadogRum.init({ applicationId, clientToken, site, service, proxy, sessionSampleRate: 100, ' +
      'sessionReplaySampleRate: 0 })',
  },
]

/** Every SDK measured at run time, the baseline first. */
export const ALL_SDKS: readonly SdkDefinition[] = [NATIVE, PERFSCOPE, ...RIVALS]
