/** The page observers, in one chunk that a monitor loads at its first idle moment. */
export { eventsSource } from './events.ts'
export { framesSource } from './frames.ts'
export { layoutShiftsSource } from './layoutShifts.ts'
export { longAnimationFramesSource } from './longAnimationFrames.ts'
export { longTasksSource } from './longTasks.ts'
export { memorySource } from './memory.ts'
export { navigationSource } from './navigation.ts'
export { paintSource } from './paint.ts'
