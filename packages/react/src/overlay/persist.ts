import { POSITIONS, type OverlayPosition } from './types.ts'

/** What the floating overlay remembers across reloads. */
export interface OverlayMemory {
  open: boolean
  tab: string | null
  /** Panel size in CSS px, null until the user resizes it. */
  width: number | null
  height: number | null
  /** Toggle button offset from its corner after a drag, px. */
  dx: number
  dy: number
  /** The corner the user moved the toggle to (overrides the `position` prop), or null. */
  corner: OverlayPosition | null
}

export const DEFAULT_MEMORY: OverlayMemory = {
  open: false,
  tab: null,
  width: null,
  height: null,
  dx: 0,
  dy: 0,
  corner: null,
}

/** Whether anything was remembered under `key` (false when storage is unavailable, e.g. a sandboxed frame). */
export function hasMemory(key: string): boolean {
  try {
    return window.localStorage.getItem(key) !== null
  } catch {
    return false
  }
}

/** Reads the remembered state; any storage error (private mode, a bad value) gives the defaults. */
export function readMemory(key: string): OverlayMemory {
  try {
    const raw = window.localStorage.getItem(key)
    if (!raw) return DEFAULT_MEMORY
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed !== 'object' || parsed === null) return DEFAULT_MEMORY
    const p = parsed as Partial<Record<keyof OverlayMemory, unknown>>
    const num = (v: unknown, fallback: number | null) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
    return {
      open: p.open === true,
      tab: typeof p.tab === 'string' ? p.tab : null,
      width: num(p.width, null),
      height: num(p.height, null),
      dx: num(p.dx, 0) ?? 0,
      dy: num(p.dy, 0) ?? 0,
      corner: (POSITIONS as readonly unknown[]).includes(p.corner) ? (p.corner as OverlayPosition) : null,
    }
  } catch {
    return DEFAULT_MEMORY
  }
}

/** Saves the state; a full or blocked storage is ignored (remembering is a nicety, never a failure). */
export function writeMemory(key: string, memory: OverlayMemory): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(memory))
  } catch {
    // Storage full or disabled: the overlay still works, it just forgets.
  }
}
