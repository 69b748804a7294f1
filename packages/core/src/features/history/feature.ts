import type { Feature } from '../../kernel/feature.ts'
import { isBoolean, objectOf, when } from '../../kernel/optionRules.ts'
import type { ExportFeatureApi } from '../export/feature.ts'
import type { History, HistoryOptions } from './history.ts'
import { createLazyHistory } from './lazyHistory.ts'

const historyRules = objectOf({
  enabled: isBoolean,
  now: when<() => number>((v) => typeof v === 'function', 'must be a function returning epoch milliseconds'),
})

const resolveHistoryOptions = (value: unknown): HistoryOptions => historyRules(value, 'history')

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
