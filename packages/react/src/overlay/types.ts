import type { Monitor } from '@perfscope/core'

/** The overlay's tabs, in order; their labels are the accessible names tests and users rely on. */
export const TAB_IDS = ['overview', 'network', 'vitals', 'memory', 'load', 'history', 'settings'] as const
export type TabId = (typeof TAB_IDS)[number]

/** Corners of the floating toggle button, in the order the panel's position control lists them. */
export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const
/** Corner of the floating toggle button. */
export type OverlayPosition = (typeof POSITIONS)[number]

/** Props of `<PerfOverlay/>`. */
export interface PerfOverlayProps {
  /** `floating` (default): a toggle button and a floating panel. `page`: the panel fills the page (`/dev/performance`). */
  mode?: 'floating' | 'page'
  /** Corner of the toggle button (default `bottom-right`); the user can drag it from there. */
  position?: OverlayPosition
  /** Tab shown the first time (later the last tab used is remembered). Default `overview`. */
  defaultTab?: TabId
  /** Keyboard shortcut that opens and closes the panel, e.g. `Alt+Shift+P` (the default); `false` for none. */
  hotkey?: string | false
  /** Open the floating panel on first load (later the remembered state wins). Default `false`. */
  initialOpen?: boolean
  /** Colour theme; `system` (default) follows `prefers-color-scheme`. */
  theme?: 'system' | 'light' | 'dark'
  /** localStorage key for the remembered open state, tab, size and position. Default `perfscope:overlay`. */
  storageKey?: string
  /** Show this monitor instead of the provider's (or the shared default one). */
  monitor?: Monitor
}
