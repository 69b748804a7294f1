import { whenIdle } from '../lib/whenIdle.ts'
import type { Source } from '../source.ts'
import { flushWithBeacon } from './beacon.ts'
import type { ResolvedTransportOptions } from './options.ts'
import { Piggyback } from './piggyback.ts'

function randomId(): number {
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    return crypto.getRandomValues(new Uint32Array(1))[0]!
  }
  return Math.floor(Math.random() * 2 ** 32)
}

/**
 * The transport as a monitor service: every emitted sample waits in the piggyback buffer, rides out on the app's
 * next eligible request, and whatever is left goes in one beacon when the page is hidden, unloads, or the
 * monitor stops. It adds listeners, never timers of its own beyond one-shot idle callbacks when samples arrive.
 */
export function createTransportSource(options: ResolvedTransportOptions): Source {
  return {
    name: 'transport',
    metric: null,
    start(context) {
      const guard = context.guard
      const publish = () => context.publish({ transport: { ...piggyback.stats } })
      const piggyback = new Piggyback(options, {
        now: () => performance.now(),
        timeOrigin: Math.round(performance.timeOrigin),
        scheduleIdle: (fn) =>
          void whenIdle(
            guard.wrap('transport', () => {
              fn()
              publish()
            }),
          ),
        randomId,
      })
      const offSample = context.onSample((sample) => piggyback.add(sample))
      const offDecorate = context.requestHooks.decorate((request) =>
        guard.run('transport', () => piggyback.decorate(request)),
      )
      const offFinished = context.requestHooks.onFinished((finished) =>
        guard.run('transport', () => piggyback.finished(finished)),
      )
      const flush = guard.wrap('transport', () => {
        if (flushWithBeacon(piggyback, options.endpoint) > 0) publish()
      })
      const onVisibilityChange = () => {
        if (document.visibilityState === 'hidden') flush()
      }
      document.addEventListener('visibilitychange', onVisibilityChange)
      window.addEventListener('pagehide', flush)
      return () => {
        flush()
        offSample()
        offDecorate()
        offFinished()
        document.removeEventListener('visibilitychange', onVisibilityChange)
        window.removeEventListener('pagehide', flush)
      }
    },
  }
}
