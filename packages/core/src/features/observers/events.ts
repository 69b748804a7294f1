import { createTaskStatsSource } from './taskStatsSource.ts'

/**
 * Interactions from the Event Timing API: one entry per event with an `interactionId` (clicks, taps, keys),
 * from input to the next paint. 16 ms is the lowest threshold the spec allows.
 */
export const eventsSource = /* @__PURE__ */ createTaskStatsSource({
  name: 'event',
  metric: 'events',
  entryType: 'event',
  slice: 'events',
  sampleKey: 'interaction',
  durationThreshold: 16,
  keep: (entry) => ((entry as PerformanceEventTiming & { interactionId?: number }).interactionId ?? 0) > 0,
})
