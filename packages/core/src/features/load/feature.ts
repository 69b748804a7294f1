import type { Feature } from '../../kernel/feature.ts'
import { createLoadSimulator, type LoadSimulator } from './loadSimulator.ts'
import { resolveLoadOptions, type ResolvedLoadOptions } from './loadOptions.ts'

/** `monitor.load`: the in-page load simulator, safety-capped; its engine loads with the first run. */
export const loadFeature: Feature<ResolvedLoadOptions, LoadSimulator> = {
  name: 'load',
  collects: false,
  resolveOptions: resolveLoadOptions,
  slice: { load: null },
  create(kernel, options) {
    const load = createLoadSimulator(kernel.context, options, () => kernel.running)
    // A run never outlives its monitor: stopping the monitor is an emergency stop.
    const source = { name: 'load', metric: null, start: () => () => load.stop('the monitor stopped') }
    return { sources: [source], api: load }
  },
}
