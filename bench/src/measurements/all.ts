import type { Measurement } from '../measurement.ts'
import { bundleSize } from './bundleSize.ts'

/** Every measurement, in the order the table lists them. */
export const MEASUREMENTS: readonly Measurement[] = [bundleSize]
