import { createContext, useContext, useEffect } from 'react'
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

interface Holder {
  /** Mounted components that need the monitor running. */
  count: number
  /** True when a holder started the monitor (then the last one to leave stops it). */
  startedByUs: boolean
}

const holders = new WeakMap<Monitor, Holder>()

function holderOf(monitor: Monitor): Holder {
  let holder = holders.get(monitor)
  if (!holder) {
    holder = { count: 0, startedByUs: false }
    holders.set(monitor, holder)
  }
  return holder
}

/**
 * Starts `monitor` now, from a component's render, so it sees the requests of every effect of the first commit
 * (children's effects run before their parents'). Idempotent; a no-op on the server, where `start()` does nothing.
 * A monitor started here counts as started by perfscope: the last {@link retainMonitor} holder to leave stops it.
 */
export function startMonitorNow(monitor: Monitor): void {
  if (monitor.running) return
  monitor.start()
  if (monitor.running) holderOf(monitor).startedByUs = true
}

/**
 * Keeps `monitor` running while at least one holder needs it. Returns the release function. A monitor that was
 * already running when the first holder came, and not started by {@link startMonitorNow}, is left running when
 * the last one leaves (the app owns it). The stop waits for a microtask and is dropped when a holder comes back
 * meanwhile: StrictMode's simulated unmount and remount (synchronous, in one commit) then leave the interceptors
 * installed, so the requests children's effects make on their second run are still seen.
 */
export function retainMonitor(monitor: Monitor): () => void {
  const holder = holderOf(monitor)
  if (holder.count++ === 0 && !monitor.running) {
    monitor.start()
    holder.startedByUs = monitor.running
  }
  let released = false
  return () => {
    if (released) return
    released = true
    if (--holder.count > 0 || !holder.startedByUs) return
    queueMicrotask(() => {
      if (holder.count > 0 || !holder.startedByUs) return
      holder.startedByUs = false
      monitor.stop()
    })
  }
}

/**
 * Starts `monitor` during this render (when `enabled`) and keeps it running while the component is mounted.
 * What `PerfscopeProvider` and `<PerfOverlay/>` do, so the monitor runs before the app's first effect.
 */
export function useRetainedMonitor(monitor: Monitor, enabled = true): void {
  if (enabled) startMonitorNow(monitor)
  useEffect(() => (enabled ? retainMonitor(monitor) : undefined), [monitor, enabled])
}
