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

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Parses a `Server-Timing` header value such as `db;dur=53, app;dur=47.2;desc="render, templates"`.
 * Malformed metrics are skipped, never thrown on. Without `descriptions`, descriptions are left unread (null):
 * endpoint figures keep durations only, and unquoting is most of the work.
 *
 * It runs once per response, mostly before the engine has optimised it, so it walks the text with `indexOf`
 * (the engine's own loop) from separator to separator, never character by character, and builds no list of parts.
 */
export function parseServerTiming(header: string | null | undefined, descriptions = true): ServerTimingEntry[] {
  const entries: ServerTimingEntry[] = []
  if (!header) return entries
  const text = header.length > MAX_SERVER_TIMING_LENGTH ? header.slice(0, MAX_SERVER_TIMING_LENGTH) : header
  for (let start = 0; start <= text.length && entries.length < MAX_SERVER_TIMING_ENTRIES;) {
    const end = endOfPart(text, start, ',', text.length)
    const entry = parseMetric(text, start, end, descriptions)
    if (entry) entries.push(entry)
    start = end + 1
  }
  return entries
}

/** The metric in `text[start, end)`: its name, then `;`-separated parameters, of which the first of each wins. */
function parseMetric(text: string, start: number, end: number, descriptions: boolean): ServerTimingEntry | null {
  let cut = endOfPart(text, start, ';', end)
  const name = text.slice(start, cut).trim()
  if (!name || !TOKEN.test(name)) return null
  let duration: number | null = null
  let description: string | null = null
  while (cut < end) {
    const from = cut + 1
    cut = endOfPart(text, from, ';', end)
    const eq = text.indexOf('=', from)
    const valued = eq >= 0 && eq < cut
    const key = text
      .slice(from, valued ? eq : cut)
      .trim()
      .toLowerCase()
    if (key === 'dur' && duration === null) {
      const value = valued ? unquote(text.slice(eq + 1, cut).trim()) : ''
      const n = Number(value)
      duration = value !== '' && Number.isFinite(n) ? n : null
    } else if (key === 'desc' && description === null && descriptions) {
      description = valued ? unquote(text.slice(eq + 1, cut).trim()) : ''
    }
  }
  return { name, duration, description }
}

/**
 * Where the part of `text` that starts at `from` ends: the first `separator` before `limit` outside a quoted
 * string, else `limit`. A quote preceded by a backslash neither opens nor closes one; an unclosed one runs to
 * `limit`.
 */
function endOfPart(text: string, from: number, separator: string, limit: number): number {
  for (let i = from; ;) {
    let at = text.indexOf(separator, i)
    if (at < 0 || at > limit) at = limit
    const open = nextQuote(text, i, at)
    if (open < 0) return at
    const close = nextQuote(text, open + 1, limit)
    if (close < 0) return limit
    i = close + 1
  }
}

/** The index of the first unescaped `"` in `text[from, limit)`, or -1. */
function nextQuote(text: string, from: number, limit: number): number {
  for (let i = text.indexOf('"', from); i >= 0 && i < limit; i = text.indexOf('"', i + 1)) {
    if (text[i - 1] !== '\\') return i
  }
  return -1
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return value
}
