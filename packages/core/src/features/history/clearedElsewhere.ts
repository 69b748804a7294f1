import { storage } from './journal.ts'

/**
 * The localStorage key one page sets and removes at once when it clears the history store: the other pages of
 * the origin get a `storage` event, since IndexedDB tells them nothing. An event listener, unlike an open
 * `BroadcastChannel`, never keeps the app's pages out of the browser's back/forward cache.
 */
export const CLEARED_KEY = 'perfscope:history-cleared'

/** Tells the origin's other pages that this one cleared the store; nothing is left in localStorage. */
export function announceCleared(): void {
  try {
    const store = storage()
    store?.setItem(CLEARED_KEY, String(Date.now()))
    store?.removeItem(CLEARED_KEY)
  } catch {
    // Full or blocked storage: the other pages recount at their next start.
  }
}

/** Calls `cleared` when another page of the origin clears the store; returns what stops listening. */
export function onClearedElsewhere(cleared: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === CLEARED_KEY && event.newValue !== null) cleared()
  }
  window.addEventListener('storage', onStorage)
  return () => window.removeEventListener('storage', onStorage)
}
