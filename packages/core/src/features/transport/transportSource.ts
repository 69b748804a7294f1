import { observe } from '../../lib/observe.ts'
import { now } from '../../lib/now.ts'
import { whenIdle } from '../../lib/whenIdle.ts'
import type { OutgoingRequest } from '../../kernel/requestHooks.ts'
import type { Source } from '../../kernel/source.ts'
import { AnnouncementReader, type AnnouncingEntry } from './announcementReader.ts'
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
 * monitor stops. Servers announce that they take batches in `Server-Timing`, read here from the navigation and
 * resource timing entries (observed, never polled). It adds listeners, never timers of its own beyond one-shot
 * idle callbacks when samples arrive.
 */
export function createTransportSource(options: ResolvedTransportOptions): Source {
  return {
    name: 'transport',
    metric: null,
    start(context) {
      const guard = context.guard
      const publish = () => context.publish({ transport: { ...piggyback.stats } })
      // Decorators run inside the interceptor's own timed span: caught here, but not timed a second time.
      const decorator = (request: OutgoingRequest) => {
        try {
          return piggyback.decorate(request)
        } catch (error) {
          guard.report('transport', error)
          return undefined
        }
      }
      let offDecorate: (() => void) | null = null
      let stopped = false
      let intervalTimer: ReturnType<typeof setTimeout> | undefined
      const piggyback = new Piggyback(options, {
        now,
        timeOrigin: Math.round(performance.timeOrigin),
        pageOrigin: location.origin,
        scheduleIdle: (fn) =>
          void whenIdle(
            guard.wrap('transport', () => {
              fn()
              publish()
            }),
          ),
        later: (fn, ms) => {
          intervalTimer = setTimeout(guard.wrap('transport', fn), ms)
        },
        offering: (ready) => {
          if (ready && !stopped) offDecorate ??= context.requestHooks.decorate(decorator)
          else {
            offDecorate?.()
            offDecorate = null
          }
        },
        randomId,
      })
      let encoderRequested = false
      const loadEncoder = () => {
        if (encoderRequested) return
        encoderRequested = true
        import('./codec.ts').then(
          (codec) => guard.run('transport', () => piggyback.useEncoder(codec.encodeBatch)),
          (error: unknown) => {
            encoderRequested = false
            guard.report('transport', error)
          },
        )
      }
      const announcements = new AnnouncementReader(piggyback, options.allowOrigins.size === 0 ? location.origin : null)
      const readEntries = guard.wrap('transport', (entries: AnnouncingEntry[]) => {
        const before = piggyback.stats.accepting
        announcements.read(entries, now())
        if (piggyback.stats.accepting !== before) publish()
        if (piggyback.stats.accepting) loadEncoder()
      })
      const readAnnouncements = (entries: AnnouncingEntry[]) => {
        if (!announcements.skips(entries)) readEntries(entries)
      }
      publish()
      const observations = [observe('navigation', readAnnouncements), observe('resource', readAnnouncements)]
      const offSample = context.onSamples((samples) => piggyback.add(samples))
      const offFinished = context.requestHooks.onFinished('transport', (finished) => {
        if (piggyback.finished(finished)) publish()
      })
      const flush = guard.wrap('transport', () => {
        if (flushWithBeacon(piggyback, options.endpoint, location.href) > 0) publish()
      })
      const onVisibilityChange = () => {
        if (document.visibilityState === 'hidden') flush()
      }
      document.addEventListener('visibilitychange', onVisibilityChange)
      window.addEventListener('pagehide', flush)
      return () => {
        flush()
        stopped = true
        for (const observation of observations) observation.disconnect()
        offSample()
        offDecorate?.()
        clearTimeout(intervalTimer)
        offFinished()
        document.removeEventListener('visibilitychange', onVisibilityChange)
        window.removeEventListener('pagehide', flush)
      }
    },
  }
}
