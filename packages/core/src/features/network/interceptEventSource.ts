import { now } from '../../lib/now.ts'
import { wrapProperty, type Wrapped } from '../../lib/wrapGlobal.ts'
import { payloadSize, pushBounded, type ChannelConnection } from './channelConnection.ts'
import type { NetworkRecorder } from './recorder.ts'

/**
 * Replaces `target.EventSource` with a subclass of the native one (see interceptWebSocket for why a subclass).
 * Counts opens, `message` events and their bytes, errors and reconnects: an `error` while the state is
 * CONNECTING is the browser reconnecting, while CLOSED it has given up (docs/compatibility.md case 22).
 */
export function interceptEventSource(target: typeof globalThis, recorder: NetworkRecorder): Wrapped {
  if (typeof target.EventSource !== 'function') return { installed: false, restore() {} }
  const guard = recorder.context.guard
  const connections = new WeakMap<EventSource, ChannelConnection>()

  const listener = {
    handleEvent(event: Event) {
      const t = now()
      const source = event.currentTarget as EventSource
      guard.run('eventsource', () => {
        const connection = connections.get(source)
        if (!connection) return
        switch (event.type) {
          case 'open':
            if (connection.openedAt < 0) pushBounded(connection.openTimes, t - connection.createdAt)
            if (connection.openedAt < 0 || connection.ended) connection.openDelta++
            connection.openedAt = t
            connection.ended = false
            break
          case 'message':
            connection.messagesIn++
            connection.bytesIn += payloadSize((event as MessageEvent).data)
            break
          case 'error':
            connection.errors++
            if (source.readyState === 0) {
              // The browser reconnects by itself: a reconnect of this same connection.
              if (connection.openedAt >= 0 && !connection.ended) {
                connection.openDelta--
                connection.ended = true
              }
              pushBounded(connection.reconnects, t)
            } else if (source.readyState === 2) {
              connection.end(t)
            }
        }
        recorder.touched(connection)
      })
    },
  }

  return wrapProperty(target, 'EventSource', (Native, active) => {
    const hasInstance = Function.prototype[Symbol.hasInstance]
    class EventSource extends Native {
      constructor(...args: ConstructorParameters<typeof Native>) {
        super(...args)
        if (!active()) return
        const t = now()
        guard.run('eventsource', () => {
          const connection = recorder.connect('eventsource', this.url, t)
          connections.set(this, connection)
          for (const type of ['open', 'message', 'error']) this.addEventListener(type, listener)
        })
        guard.account('eventsource', now() - t)
      }

      override close(): void {
        super.close()
        const connection = connections.get(this)
        if (connection)
          guard.run('eventsource', () => {
            connection.end(now())
            recorder.touched(connection)
          })
      }

      /** Sources made by the native constructor (before start, or from a saved reference) are EventSources too. */
      static override [Symbol.hasInstance](value: unknown): boolean {
        return hasInstance.call(this === EventSource ? Native : this, value)
      }
    }
    return EventSource
  })
}
