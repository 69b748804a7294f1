import { createTaskStatsSource } from './taskStatsSource.ts'

/** Long animation frames: frames whose rendering was delayed past 50 ms (Chromium 123+; unsupported elsewhere). */
export const longAnimationFramesSource = /* @__PURE__ */ createTaskStatsSource({
  name: 'long-animation-frame',
  metric: 'longAnimationFrames',
  entryType: 'long-animation-frame',
  slice: 'longAnimationFrames',
  sampleKey: 'loaf',
})
