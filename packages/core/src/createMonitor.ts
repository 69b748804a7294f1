import type { Feature } from './kernel/feature.ts'
import { resolveFilters } from './kernel/filters.ts'
import { createKernel, type Kernel } from './kernel/kernel.ts'
import { initialSnapshot } from './kernel/store.ts'
import { isPlainObject, PerfscopeOptionError } from './kernel/options.ts'
import type { Source } from './kernel/source.ts'
import { budgetsFeature, type BudgetsApi } from './features/budgets/feature.ts'
import { exportFeature, type ExportApi } from './features/export/feature.ts'
import { historyFeature } from './features/history/feature.ts'
import type { History } from './features/history/history.ts'
import { loadFeature } from './features/load/feature.ts'
import type { LoadSimulator } from './features/load/loadSimulator.ts'
import { networkFeature } from './features/network/feature.ts'
import { observersFeature } from './features/observers/feature.ts'
import { rendersFeature, type RendersApi } from './features/renders/feature.ts'
import { transportFeature } from './features/transport/feature.ts'
import { vitalsFeature } from './features/vitals/feature.ts'
import type { MonitorOptions } from './monitorOptions.ts'
import type { Snapshot } from './types.ts'

/** A live performance monitor. Nothing touches the page until {@link Monitor.start}. */
export interface Monitor extends Omit<Kernel, 'context' | 'addSources' | 'collect' | 'loading'>, ExportApi {
  /** Live budgets, quotas, cost, and the alerts of `snapshot().alerts`. */
  readonly budgets: BudgetsApi
  /** Daily history in IndexedDB (memory when unavailable), with a baseline to compare against. */
  readonly history: History
  /** The in-page load simulator (safety-capped; see docs/load-testing.md). */
  readonly load: LoadSimulator
  /** Render timings reported by a framework binding (`<PerfProfiler>`). */
  readonly renders: RendersApi
}

/**
 * Every feature of a monitor, in the order they are created and their sources start: the network first, so its
 * interceptors are in place before anything else runs; export before history, which saves export's report.
 */
const FEATURES = [
  networkFeature,
  vitalsFeature,
  observersFeature,
  rendersFeature,
  transportFeature,
  exportFeature,
  historyFeature,
  budgetsFeature,
  loadFeature,
] as const

/** The snapshot of a monitor that has measured nothing (every feature's slice, kernel fields included). */
export function emptySnapshot(): Snapshot {
  return initialSnapshot(resolveFilters(undefined), false, featureSlices())
}

function featureSlices(): Partial<Snapshot> {
  return Object.assign({}, ...FEATURES.map((feature) => feature.slice)) as Partial<Snapshot>
}

/**
 * Creates a monitor. Importing perfscope or calling this has no side effects; the page is touched only by
 * `start()`. Throws a {@link PerfscopeOptionError} when an option has the wrong type.
 */
export function createMonitor(options: MonitorOptions = {}): Monitor {
  if (!isPlainObject(options)) throw new PerfscopeOptionError('options', 'must be an object', options)
  const sources = options.sources
  if (sources !== undefined && !Array.isArray(sources))
    throw new PerfscopeOptionError('sources', 'must be an array of sources', sources)
  const filters = resolveFilters(options.metrics)
  const settings = options as Record<string, unknown>
  const resolved = FEATURES.map((feature) =>
    (feature as Feature<unknown, unknown>).resolveOptions(settings[feature.name]),
  )
  const network = options.network as { includeInternal?: unknown } | undefined
  const kernel = createKernel({ filters, includeInternal: network?.includeInternal === true, slices: featureSlices() })
  const installed: Record<string, unknown> = {}
  FEATURES.forEach((feature, i) => {
    const created = (feature as Feature<unknown, unknown>).create(kernel, resolved[i], installed)
    installed[feature.name] = created.api
    if (!(sources && feature.collects)) kernel.addSources(created.sources)
  })
  if (sources) kernel.addSources(sources as Source[])
  const exporter = installed.export as ExportApi
  return {
    store: kernel.store,
    get running() {
      return kernel.running
    },
    start: kernel.start,
    stop: kernel.stop,
    snapshot: kernel.snapshot,
    subscribe: kernel.subscribe,
    setFilter: kernel.setFilter,
    setIncludeInternal: kernel.setIncludeInternal,
    onSample: kernel.onSample,
    watch: kernel.watch,
    report: exporter.report,
    export: exporter.export,
    budgets: installed.budgets as BudgetsApi,
    history: installed.history as History,
    load: installed.load as LoadSimulator,
    renders: installed.renders as RendersApi,
  }
}
