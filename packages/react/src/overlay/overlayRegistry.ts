import { useEffect, useId, useSyncExternalStore } from 'react'

/**
 * Which overlays are mounted in this document, so that there is only ever one panel: while a page-mode overlay
 * is mounted (`/dev/performance`) no floating toggle renders, and only the first floating overlay mounted answers
 * the hotkey.
 */
const pages = new Set<string>()
const floating: string[] = []
const listeners = new Set<() => void>()
let version = 0

function changed(): void {
  version++
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Registers this overlay while mounted; returns whether a floating one should stand aside and own the hotkey. */
export function useOverlayRole(mode: 'floating' | 'page'): { standAside: boolean; ownsHotkey: boolean } {
  const id = useId()
  useEffect(() => {
    if (mode === 'page') pages.add(id)
    else floating.push(id)
    changed()
    return () => {
      if (mode === 'page') pages.delete(id)
      else floating.splice(floating.indexOf(id), 1)
      changed()
    }
  }, [id, mode])
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  )
  const standAside = mode === 'floating' && pages.size > 0
  return { standAside, ownsHotkey: mode === 'floating' && !standAside && floating[0] === id }
}
