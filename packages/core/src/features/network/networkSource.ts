import { now } from '../../lib/now.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import { NetworkRecorder } from './recorder.ts'
import { interceptFetch } from './interceptFetch.ts'
import { interceptXhr } from './interceptXhr.ts'
import { interceptWebSocket } from './interceptWebSocket.ts'
import { interceptEventSource } from './interceptEventSource.ts'
import { checkNetworkOptions, type NetworkOptions } from './networkOptions.ts'
import type { Wrapped } from '../../lib/wrapGlobal.ts'
import type { Source } from '../../kernel/source.ts'
import type { Support } from '../../types.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

/**
 * Whether a network source of this page already took the calls made before it from the resource-timing buffer.
 * Only the first one does: calls made while an earlier monitor ran were counted by it, or were perfscope's own
 * (which a later monitor could not tell apart), and calls made while none ran were meant to be missed.
 */
let pageBackfilled = false

/**
 * The `network` source: installs the fetch, XHR, WebSocket and EventSource interceptors on `start()`, writing
 * into a small recorder, and loads the collector that aggregates what they record at the first idle moment.
 * `stop()` restores every global exactly. An API that cannot be patched (missing, frozen, or already wrapped by
 * another perfscope monitor on the page) is reported as unsupported in `snapshot().support` and left alone.
 */
export function networkSource(options?: NetworkOptions): Source {
  return checkedNetworkSource(checkNetworkOptions(options))
}

/** {@link networkSource} with options already checked (the network feature's). */
export function checkedNetworkSource(checked: NetworkOptions): Source {
  return {
    name: 'network',
    metric: 'network',
    start(context) {
      const recorder = new NetworkRecorder(context, now())
      const backfill = !pageBackfilled
      pageBackfilled = true
      const target = globalThis
      const installed: Record<string, Wrapped[]> = {
        fetch: [interceptFetch(target, recorder)],
        xhr: interceptXhr(target, recorder),
        websocket: [interceptWebSocket(target, recorder)],
        eventsource: [interceptEventSource(target, recorder)],
      }
      const support: Record<string, Support> = { ...context.read().support }
      for (const [api, wraps] of Object.entries(installed)) {
        support[api] = wraps.length > 0 && wraps.every((w) => w.installed) ? 'supported' : 'unsupported'
      }
      context.publish({ support })
      const stopCollector = lazySource('network', 'network', () =>
        loadIdleCode().then((m) => m.collectorSource(recorder, checked, backfill)),
      ).start(context)
      return () => {
        // Restore in reverse install order so each property gets back exactly what it had.
        for (const wraps of Object.values(installed).reverse()) for (const w of [...wraps].reverse()) w.restore()
        stopCollector()
      }
    },
  }
}
