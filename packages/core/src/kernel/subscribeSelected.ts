import type { MonitorStore } from './store.ts'
import type { Snapshot, SnapshotListener } from '../types.ts'

/**
 * `monitor.subscribe` over a store, in its two forms: a listener of the whole snapshot, or a selector and a
 * listener that runs only when the selected value changes (by `equals`, `Object.is` by default). Returns the
 * function that unsubscribes.
 */
export function subscribeSelected<T>(
  store: Pick<MonitorStore, 'getState' | 'subscribe'>,
  selectorOrListener: ((state: Snapshot) => T) | SnapshotListener,
  listener?: (selected: T, previous: T) => void,
  equals: (a: T, b: T) => boolean = Object.is,
): () => void {
  if (!listener) return store.subscribe(selectorOrListener as SnapshotListener)
  const selector = selectorOrListener as (state: Snapshot) => T
  let current = selector(store.getState())
  return store.subscribe((state) => {
    const selected = selector(state)
    if (equals(selected, current)) return
    const previous = current
    current = selected
    listener(selected, previous)
  })
}
