import { routeOfPath, type Sample } from '@perfscope/core'

/** Distinct keys remembered with their sanitised form; the memo is emptied when it fills (keys come from clients). */
const MEMO_SIZE = 4096
const memo = new Map<string, string>()

/**
 * A client sample's key as the server keeps it. Keys that end in a path or URL the page measured
 * (`http.GET /api/users/42`, `http.GET https://api.example.com/v1/x`, `route./users/42`) go through the same route
 * normaliser as the server's own route keys, so a client that did not sanitise (an old version, a hand-made
 * batch) cannot put ids, tokens or e-mail addresses into the summaries, the files or the Prometheus labels.
 * Keys perfscope's client sends are already sanitised and come back unchanged.
 */
export function clientKey(key: string): string {
  const known = memo.get(key)
  if (known !== undefined) return known
  const sanitised = sanitiseKey(key)
  if (memo.size >= MEMO_SIZE) memo.clear()
  memo.set(key, sanitised)
  return sanitised
}

/** `samples` with {@link clientKey} applied; the same array when no key changed. */
export function withClientKeys(samples: readonly Sample[]): readonly Sample[] {
  let out: Sample[] | null = null
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!
    const key = clientKey(sample.key)
    if (key === sample.key && !out) continue
    out ??= samples.slice(0, i)
    out.push(key === sample.key ? sample : { ...sample, key })
  }
  return out ?? samples
}

function sanitiseKey(key: string): string {
  if (key.startsWith('http.')) {
    const space = key.indexOf(' ', 5)
    return space < 0 ? key : `${key.slice(0, space + 1)}${target(key.slice(space + 1))}`
  }
  if (key.startsWith('route.')) return `route.${target(key.slice(6))}`
  return key
}

/** A path (`/users/42`) or an absolute http(s) URL, as route: query, fragment and `;` parameters dropped. */
function target(text: string): string {
  if (!text.startsWith('/') && /^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text)
      return `${url.origin}${routeOfPath(url.pathname)}`
    } catch {
      return ':token'
    }
  }
  return routeOfPath(text.split(/[?#;]/, 1)[0] || '/')
}
