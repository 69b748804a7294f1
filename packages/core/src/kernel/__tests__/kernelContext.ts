import { resolveFilters } from '../filters.ts'
import { createKernel } from '../kernel.ts'
import type { MonitorContext } from '../source.ts'

/** A real kernel's source context, every metric on, for tests of one source or collector without a whole monitor. */
export function kernelContext(): MonitorContext {
  return createKernel({
    filters: resolveFilters(undefined),
    includeInternal: false,
    slices: { endpoints: [], channels: [] },
  }).context
}
