import { now } from '../../lib/now.ts'
import { wrapProperty, type Wrapped } from '../../lib/wrapGlobal.ts'
import { payloadSize, pushBounded, type ChannelConnection } from './channelConnection.ts'
import type { NetworkRecorder } from './recorder.ts'

/**
 * Replaces `target.WebSocket` with a subclass of the native one (a plain function would lose static constants,
 * `instanceof` and subclassing: docs/compatibility.md case 19). Everything the app sees is the native socket: `onmessage`,
 * `addEventListener`, `binaryType`, `protocol`, `extensions` are inherited untouched (docs/compatibility.md cases 20, 21); perfscope
 * only adds its own listeners and counts in `send`. `instanceof WebSocket` stays true for sockets created before
 * `start()` or from a saved reference to the native constructor.
 */
export function interceptWebSocket(target: typeof globalThis, recorder: NetworkRecorder): Wrapped {
  if (typeof target.WebSocket !== 'function') return { installed: false, restore() {} }
  const guard = recorder.context.guard
  const connections = new WeakMap<WebSocket, ChannelConnection>()

  const listener = {
    handleEvent(event: Event) {
      const t = now()
      const socket = event.currentTarget as WebSocket
      guard.run('websocket', () => {
        const connection = connections.get(socket)
        if (!connection) return
        switch (event.type) {
          case 'open':
            connection.openedAt = t
            connection.openDelta++
            pushBounded(connection.openTimes, t - connection.createdAt)
            break
          case 'message': {
            const data = (event as MessageEvent).data as unknown
            connection.messagesIn++
            connection.bytesIn += payloadSize(data)
            if (typeof data === 'string') {
              const rtt = connection.echoOf(data, t)
              if (rtt !== null) pushBounded(connection.roundTrips, rtt)
            }
            break
          }
          case 'error':
            connection.errors++
            break
          case 'close':
            pushBounded(connection.closeCodes, (event as CloseEvent).code)
            connection.end(t)
        }
        recorder.touched(connection)
      })
    },
  }

  return wrapProperty(target, 'WebSocket', (Native, active) => {
    const hasInstance = Function.prototype[Symbol.hasInstance]
    class WebSocket extends Native {
      constructor(...args: ConstructorParameters<typeof Native>) {
        super(...args)
        if (!active()) return
        const t = now()
        guard.run('websocket', () => {
          const connection = recorder.connect('websocket', this.url, t)
          connections.set(this, connection)
          for (const type of ['open', 'message', 'error', 'close']) this.addEventListener(type, listener)
        })
        guard.account('websocket', now() - t)
      }

      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        super.send(data)
        const connection = connections.get(this)
        if (!connection) return
        const t = now()
        guard.run('websocket', () => {
          connection.messagesOut++
          connection.bytesOut += payloadSize(data)
          if (typeof data === 'string') connection.rememberSent(data, t)
          recorder.touched(connection)
        })
        guard.account('websocket', now() - t)
      }

      /** Sockets made by the native constructor (before start, or from a saved reference) are WebSockets too. */
      static override [Symbol.hasInstance](value: unknown): boolean {
        return hasInstance.call(this === WebSocket ? Native : this, value)
      }
    }
    return WebSocket
  })
}
