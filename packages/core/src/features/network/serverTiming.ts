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
const QUOTE = 34

/**
 * Parses a `Server-Timing` header value such as `db;dur=53, app;dur=47.2;desc="render, templates"`.
 * Malformed metrics are skipped, never thrown on. Without `descriptions`, descriptions are left unread (null):
 * endpoint figures keep durations only, and unquoting is most of the work.
 *
 * It runs once per response, mostly before the engine has optimised it, so it is one loop over the header's
 * parts (a metric's name or one of its parameters, split at `,` and `;` outside quoted strings), with every search
 * done by `indexOf` from a position that only moves forward: linear in the header's length, whatever its content.
 */
export function parseServerTiming(header: string | null | undefined, descriptions = true): ServerTimingEntry[] {
  const entries: ServerTimingEntry[] = []
  if (!header) return entries
  const text = header.length > MAX_SERVER_TIMING_LENGTH ? header.slice(0, MAX_SERVER_TIMING_LENGTH) : header
  const length = text.length
  // The next `,`, `;`, `=` and unescaped `"` at or after the scan: -1 once there is none further.
  let comma = text.indexOf(',')
  let semicolon = text.indexOf(';')
  let equals = text.indexOf('=')
  let quote = unescapedQuote(text, 0)
  /** The metric whose parameters are being read; null while skipping one with a malformed name. */
  let metric: ServerTimingEntry | null = null
  let naming = true
  for (let start = 0; start <= length;) {
    if (naming && entries.length === MAX_SERVER_TIMING_ENTRIES) break
    // The part ends at the first separator outside a quoted string; an unclosed quote runs to the end.
    let end = length
    for (let scan = start; ;) {
      if (comma >= 0 && comma < scan) comma = text.indexOf(',', scan)
      if (semicolon >= 0 && semicolon < scan) semicolon = text.indexOf(';', scan)
      if (quote >= 0 && quote < scan) quote = unescapedQuote(text, scan)
      end = comma < 0 ? (semicolon < 0 ? length : semicolon) : semicolon < 0 || comma < semicolon ? comma : semicolon
      if (quote < 0 || quote > end) break
      const close = unescapedQuote(text, quote + 1)
      if (close < 0) {
        end = length
        break
      }
      scan = close + 1
    }
    if (naming) {
      const name = text.slice(start, end).trim()
      metric = name !== '' && TOKEN.test(name) ? { name, duration: null, description: null } : null
      if (metric) entries.push(metric)
    } else if (metric) {
      if (equals >= 0 && equals < start) equals = text.indexOf('=', start)
      const valued = equals >= 0 && equals < end
      const key = text.slice(start, valued ? equals : end).trim()
      // Parameter names are case-insensitive; only `dur` and `desc` are read, first one of each wins.
      if (key.length === 3 && metric.duration === null && key.toLowerCase() === 'dur') {
        const raw = valued ? text.slice(equals + 1, end).trim() : ''
        // A duration is seldom quoted: only then is unquoting worth a call.
        const value = raw.charCodeAt(0) === QUOTE ? unquote(raw) : raw
        const n = Number(value)
        metric.duration = value !== '' && Number.isFinite(n) ? n : null
      } else if (descriptions && key.length === 4 && metric.description === null && key.toLowerCase() === 'desc') {
        metric.description = valued ? unquote(text.slice(equals + 1, end).trim()) : ''
      }
    }
    naming = end === comma
    start = end + 1
  }
  return entries
}

/** The index of the first `"` at or after `from` that no backslash precedes, or -1. */
function unescapedQuote(text: string, from: number): number {
  let i = text.indexOf('"', from)
  while (i > 0 && text[i - 1] === '\\') i = text.indexOf('"', i + 1)
  return i
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return value
}
