import type { ReactNode } from 'react'

/**
 * The scroll box around a wide table: it scrolls both ways, shows a shadow on the side with more to see, and takes
 * keyboard focus so the arrow keys scroll it (a scrollable region must be reachable without a mouse).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="ps-scroll" tabIndex={0} role="region" aria-label={`${label}, scrollable`}>
      {children}
    </div>
  )
}
