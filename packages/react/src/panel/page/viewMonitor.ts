import { subscribeSelected, type Monitor, type MonitorStore, type SharedSnapshot, type Snapshot } from '@perfscope/core'

/** Where a view's data comes from: a stored day (and which), or the app's other open tabs, live. */
export type ViewOrigin = { kind: 'stored'; date: string } | { kind: 'tabs' }

const origins = new WeakMap<Monitor, ViewOrigin>()

/**
 * Where the data a panel is given comes from when it is not the monitor's own (a view made by
 * {@link createViewMonitor}), else null. Alerts of other data are not this page's to acknowledge.
 */
export function viewOrigin(monitor: Monitor): ViewOrigin | null {
  return origins.get(monitor) ?? null
}

/**
 * A monitor that shows other data (another tab's, all tabs merged, a stored day) through the same panel: its
 * store holds this page's own snapshot with the measured parts replaced by `shared`, and everything else — load
 * runs, settings, history, actions — is the page's own monitor. Creating one has no side effect; `follow()` keeps
 * it in step with the page's own monitor until the function it returns is called; `show()` swaps in new data.
 */
export function createViewMonitor(
  base: Monitor,
  shared: SharedSnapshot,
  origin: ViewOrigin,
): { monitor: Monitor; show(shared: SharedSnapshot): void; follow(): () => void } {
  let data = shared
  // Quotas and costs are computed from this page's own configuration and calls; they say nothing of other tabs.
  const compose = (own: Snapshot): Snapshot => ({ ...own, ...data, quotas: [], costs: null })
  const store = createPlainStore(compose(base.store.getState()))
  const monitor = new Proxy(base, {
    get(target, property) {
      if (property === 'store') return store
      if (property === 'snapshot') return () => store.getState()
      if (property === 'subscribe') return subscribeTo(store)
      return Reflect.get(target, property, target)
    },
  })
  origins.set(monitor, origin)
  return {
    monitor,
    show(next) {
      data = next
      store.setState(compose(base.store.getState()), true)
    },
    follow() {
      store.setState(compose(base.store.getState()), true)
      return base.store.subscribe((own) => store.setState(compose(own), true))
    },
  }
}

/** `monitor.subscribe` over another store, with the same two forms (whole snapshot, or a selector). */
function subscribeTo(store: MonitorStore): Monitor['subscribe'] {
  return ((selectorOrListener, listener, equals) =>
    subscribeSelected(store, selectorOrListener, listener, equals)) as Monitor['subscribe']
}

/** The few lines of a vanilla store the panel reads (`getState`, `subscribe`); whole-state replacement only. */
function createPlainStore(initial: Snapshot): MonitorStore {
  let state = initial
  const listeners = new Set<(state: Snapshot, previous: Snapshot) => void>()
  const store = {
    getState: () => state,
    getInitialState: () => initial,
    setState(next: Snapshot | Partial<Snapshot> | ((s: Snapshot) => Snapshot | Partial<Snapshot>), replace?: boolean) {
      const value = typeof next === 'function' ? next(state) : next
      const previous = state
      state = replace ? (value as Snapshot) : { ...state, ...value }
      for (const listener of listeners) listener(state, previous)
    },
    subscribe(listener: (state: Snapshot, previous: Snapshot) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return store as MonitorStore
}
