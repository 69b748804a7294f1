import { createTaskStatsSource } from './taskStatsSource.ts'

/** Long tasks: main-thread tasks over 50 ms (https://w3c.github.io/longtasks/). */
export const longTasksSource = /* @__PURE__ */ createTaskStatsSource({
  name: 'longtask',
  metric: 'longTasks',
  entryType: 'longtask',
  slice: 'longTasks',
  sampleKey: 'longtask',
})
