/** One metric of a `Server-Timing` header (https://www.w3.org/TR/server-timing/). */
export interface ServerTimingEntry {
  name: string
  /** Duration in ms, or null when the metric has no `dur`. */
  duration: number | null
  description: string | null
}

/** Most metrics perfscope reads from one header; a longer header is cut (it is the server's, not ours). */
export const MAX_SERVER_TIMING_ENTRIES = 16
/** Characters of a header read at most, before any parsing: sixteen metrics with descriptions fit well within. */
export const MAX_SERVER_TIMING_LENGTH = 4096

/**
 * Parses a `Server-Timing` header value such as `db;dur=53, app;dur=47.2;desc="render, templates"`.
 * Malformed metrics are skipped, never thrown on. Without `descriptions`, descriptions are left unread (null):
 * endpoint figures keep durations only, and unquoting is most of the work.
 */
export function parseServerTiming(header: string | null | undefined, descriptions = true): ServerTimingEntry[] {
  const entries: ServerTimingEntry[] = []
  if (!header) return entries
  const text = header.length > MAX_SERVER_TIMING_LENGTH ? header.slice(0, MAX_SERVER_TIMING_LENGTH) : header
  for (const metric of splitOutsideQuotes(text, ',')) {
    if (entries.length >= MAX_SERVER_TIMING_ENTRIES) break
    const [rawName, ...params] = splitOutsideQuotes(metric, ';')
    const name = rawName?.trim()
    if (!name || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) continue
    let duration: number | null = null
    let description: string | null = null
    for (const param of params) {
      const eq = param.indexOf('=')
      const key = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase()
      // The spec says the first occurrence of a parameter wins.
      if (key === 'dur' && duration === null) {
        const value = eq < 0 ? '' : unquote(param.slice(eq + 1).trim())
        const n = Number(value)
        duration = value !== '' && Number.isFinite(n) ? n : null
      } else if (key === 'desc' && description === null && descriptions) {
        description = eq < 0 ? '' : unquote(param.slice(eq + 1).trim())
      }
    }
    entries.push({ name, duration, description })
  }
  return entries
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = []
  let start = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return value
}
