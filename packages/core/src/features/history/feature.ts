import type { Feature } from '../../kernel/feature.ts'
import { isPlainObject, PerfscopeOptionError, checkBoolean } from '../../kernel/options.ts'
import type { ExportFeatureApi } from '../export/feature.ts'
import type { History, HistoryOptions } from './history.ts'
import { createLazyHistory } from './lazyHistory.ts'

function resolveHistoryOptions(value: unknown): HistoryOptions {
  if (value === undefined) return {}
  if (!isPlainObject(value)) throw new PerfscopeOptionError('history', 'must be an object', value)
  checkBoolean('history.enabled', value.enabled)
  if (value.now !== undefined && typeof value.now !== 'function') {
    throw new PerfscopeOptionError('history.now', 'must be a function returning epoch milliseconds', value.now)
  }
  return value as HistoryOptions
}

/** Daily history in IndexedDB (memory when unavailable), built on the export feature's report. */
export const historyFeature: Feature<HistoryOptions, History> = {
  name: 'history',
  collects: true,
  resolveOptions: resolveHistoryOptions,
  slice: { history: null },
  create(kernel, options, installed) {
    const exporter = installed.export as ExportFeatureApi
    const service = createLazyHistory(kernel.context, exporter, options)
    return { sources: options.enabled === false ? [] : [service.source], api: service.history }
  },
}
