import type { Measurement } from '../measurement.ts'
import { bundleSize } from './bundleSize.ts'
import { fetchCost } from './fetchCost.ts'
import { mainThread } from './mainThread.ts'
import { retainedHeap } from './retainedHeap.ts'

/** Every measurement, in the order the table lists them. */
export const MEASUREMENTS: readonly Measurement[] = [bundleSize, fetchCost, mainThread, retainedHeap]
