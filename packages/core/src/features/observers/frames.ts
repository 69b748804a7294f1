import type { Source } from '../../kernel/source.ts'
import { Histogram } from '../../stats/histogram.ts'

/** A frame longer than this many ideal 60 Hz frames counts the extra ones as dropped. */
const IDEAL_FRAME_MS = 1000 / 60
const PUBLISH_EVERY_MS = 1000

/**
 * Frame rate and dropped frames, from `requestAnimationFrame`, only while something watches (the overlay is
 * open) and the page is visible: a rAF loop is a cost, so it never runs in the background.
 */
export const framesSource: Source = {
  name: 'frames',
  metric: 'frames',
  start(context) {
    let frame = 0
    let last = 0
    let windowStart = 0
    let framesInWindow = 0
    let dropped = 0
    const frameTime = new Histogram()

    const onFrame = context.guard.wrap('frames', (now: number) => {
      frame = 0
      if (!context.watched || document.visibilityState !== 'visible') return
      if (last) {
        const delta = now - last
        frameTime.add(delta)
        dropped += Math.max(0, Math.round(delta / IDEAL_FRAME_MS) - 1)
        framesInWindow++
      }
      last = now
      if (now - windowStart >= PUBLISH_EVERY_MS) {
        const fps = windowStart ? (framesInWindow * 1000) / (now - windowStart) : 0
        if (windowStart) {
          context.publish({ frames: { fps, droppedFrames: dropped, frameTime: frameTime.summary() } })
          context.emit({ key: 'fps', t: now, v: fps })
        }
        windowStart = now
        framesInWindow = 0
      }
      frame = requestAnimationFrame(onFrame)
    })

    const run = () => {
      if (frame || !context.watched || document.visibilityState !== 'visible') return
      last = 0
      windowStart = 0
      frame = requestAnimationFrame(onFrame)
    }
    const halt = () => {
      cancelAnimationFrame(frame)
      frame = 0
    }
    const offWatch = context.onWatchChange((watched) => (watched ? run() : halt()))
    const onVisibility = () => (document.visibilityState === 'visible' ? run() : halt())
    document.addEventListener('visibilitychange', onVisibility)
    run()
    return () => {
      offWatch()
      document.removeEventListener('visibilitychange', onVisibility)
      halt()
    }
  },
}
