import type { Measurement } from '../measurement.ts'
import { bundleSize } from './bundleSize.ts'
import { codec } from './codec.ts'
import { fetchCost } from './fetchCost.ts'
import { histogram } from './histogram.ts'
import { initCost } from './initCost.ts'
import { hostileTraffic } from './hostileTraffic.ts'
import { loadSimulator } from './loadSimulator.ts'
import { mainThread } from './mainThread.ts'
import { overlayOpen } from './overlayOpen.ts'
import { retainedHeap } from './retainedHeap.ts'
import { sanitize } from './sanitize.ts'
import { wrapperCost } from './wrapperCost.ts'

/** Every measurement, in the order the table lists them. */
export const MEASUREMENTS: readonly Measurement[] = [
  bundleSize,
  fetchCost,
  wrapperCost,
  initCost,
  mainThread,
  retainedHeap,
  histogram,
  sanitize,
  codec,
  overlayOpen,
  loadSimulator,
  hostileTraffic,
]
