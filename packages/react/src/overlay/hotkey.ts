/** A parsed hotkey such as `Alt+Shift+P`. */
export interface Hotkey {
  alt: boolean
  shift: boolean
  ctrl: boolean
  meta: boolean
  /** The key, lower case (`p`, `f2`, `/`). */
  key: string
}

/** Parses `Alt+Shift+P`-style text; modifiers in any order, case-insensitive. Returns null when there is no key. */
export function parseHotkey(text: string): Hotkey | null {
  const parts = text
    .split('+')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
  const hotkey: Hotkey = { alt: false, shift: false, ctrl: false, meta: false, key: '' }
  for (const part of parts) {
    if (part === 'alt' || part === 'option') hotkey.alt = true
    else if (part === 'shift') hotkey.shift = true
    else if (part === 'ctrl' || part === 'control') hotkey.ctrl = true
    else if (part === 'meta' || part === 'cmd' || part === 'command') hotkey.meta = true
    else hotkey.key = part
  }
  return hotkey.key ? hotkey : null
}

/** Whether a keydown matches. Letters and digits compare by `code`, since Alt+Shift changes `key` on macOS (`∏`). */
export function matchesHotkey(event: KeyboardEvent, hotkey: Hotkey): boolean {
  if (event.altKey !== hotkey.alt || event.shiftKey !== hotkey.shift) return false
  if (event.ctrlKey !== hotkey.ctrl || event.metaKey !== hotkey.meta) return false
  const { key } = hotkey
  if (/^[a-z]$/.test(key)) return event.code === `Key${key.toUpperCase()}`
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}`
  return event.key.toLowerCase() === key
}
