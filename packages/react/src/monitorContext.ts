import { createContext, useContext } from 'react'
import { createMonitor, type Monitor } from '@perfscope/core'

/** The monitor a {@link PerfscopeProvider} gives its tree; null outside any provider. */
export const MonitorContext = createContext<Monitor | null>(null)

let defaultMonitor: Monitor | null = null

/**
 * The monitor shared by every `<PerfOverlay/>` and `usePerformanceMonitor()` outside a provider.
 * Created on first use (never at import), so an app with one overlay and a few hooks sees one set of data.
 */
export function getDefaultMonitor(): Monitor {
  defaultMonitor ??= createMonitor()
  return defaultMonitor
}

/** The monitor to use: the one passed in, else the provider's, else the shared default. */
export function useMonitor(explicit?: Monitor): Monitor {
  const fromContext = useContext(MonitorContext)
  return explicit ?? fromContext ?? getDefaultMonitor()
}

const holders = new WeakMap<Monitor, { count: number; startedByUs: boolean }>()

/**
 * Keeps `monitor` running while at least one holder needs it. Returns the release function. A monitor that was
 * already running when the first holder came is left running when the last one leaves (the app owns it).
 * StrictMode's mount / unmount / mount therefore installs every interceptor exactly once at a time.
 */
export function retainMonitor(monitor: Monitor): () => void {
  let holder = holders.get(monitor)
  if (!holder) {
    holder = { count: 0, startedByUs: false }
    holders.set(monitor, holder)
  }
  if (holder.count++ === 0 && !monitor.running) {
    holder.startedByUs = true
    monitor.start()
  }
  let released = false
  const h = holder
  return () => {
    if (released) return
    released = true
    if (--h.count === 0 && h.startedByUs) {
      h.startedByUs = false
      monitor.stop()
    }
  }
}
