import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react'

/** A tiny client-side router: enough for a few routes without pulling a router into the playground. */
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

export function navigate(path: string): void {
  history.pushState(null, '', path)
  for (const l of listeners) l()
}

export function usePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => location.pathname,
    () => '/',
  )
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  const path = usePath()
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
    e.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={onClick} aria-current={path === to ? 'page' : undefined}>
      {children}
    </a>
  )
}
