import { useRef, type PointerEvent as ReactPointerEvent } from 'react'
import type { OverlayPosition } from '../overlay/types.ts'

/** The panel's smallest size, px (also in the stylesheet's min-width / min-height). */
export const MIN_PANEL_SIZE = { width: 420, height: 300 } as const

/**
 * A grip on the panel's free corner (the one away from its anchor corner), so dragging it grows the panel under
 * the pointer. Reports the size while dragging and once more, to be remembered, on release.
 */
export function ResizeHandle({
  position,
  panel,
  onSize,
  onDone,
}: {
  position: OverlayPosition
  panel: () => HTMLElement | null
  onSize(width: number, height: number): void
  onDone(width: number, height: number): void
}) {
  const drag = useRef<{ x: number; y: number; width: number; height: number } | null>(null)
  const last = useRef({ width: 0, height: 0 })
  // Anchored right, the free edge is the left one: moving left grows the panel.
  const dirX = position.endsWith('right') ? -1 : 1
  const dirY = position.startsWith('bottom') ? -1 : 1

  const size = (e: ReactPointerEvent) => {
    const d = drag.current!
    const width = Math.max(MIN_PANEL_SIZE.width, Math.min(window.innerWidth - 32, d.width + dirX * (e.clientX - d.x)))
    const height = Math.max(
      MIN_PANEL_SIZE.height,
      Math.min(window.innerHeight - 88, d.height + dirY * (e.clientY - d.y)),
    )
    last.current = { width: Math.round(width), height: Math.round(height) }
    return last.current
  }

  return (
    <div
      className={`ps-resize ps-resize--${position}`}
      role="presentation"
      title="Drag to resize"
      onPointerDown={(e) => {
        const el = panel()
        if (!el || e.button !== 0) return
        e.preventDefault()
        drag.current = { x: e.clientX, y: e.clientY, width: el.offsetWidth, height: el.offsetHeight }
        e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => {
        if (!drag.current) return
        const { width, height } = size(e)
        onSize(width, height)
      }}
      onPointerUp={(e) => {
        if (!drag.current) return
        const { width, height } = size(e)
        drag.current = null
        onDone(width, height)
      }}
    />
  )
}
