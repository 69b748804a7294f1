/**
 * URL redaction: what perfscope keeps of a URL never holds a secret (pitfall 34). Credentials (`user:pass@`) are
 * dropped, and the values of query and fragment parameters whose name looks secret are replaced.
 */

/** Parameter-name fragments treated as secret by default (matched case-insensitively, anywhere in the name). */
export const DEFAULT_REDACTED_KEYS: readonly string[] = [
  'token',
  'key',
  'auth',
  'password',
  'passwd',
  'secret',
  'session',
  'sig',
  'code',
  'credential',
  'jwt',
]

/** What a redacted value is replaced with (kept URL-safe so the result still parses). */
export const REDACTED = 'REDACTED'

/** Builds the matcher for parameter names from the default fragments plus the app's own patterns. */
export function secretKeyMatcher(extra: readonly (string | RegExp)[] = []): (name: string) => boolean {
  const words = DEFAULT_REDACTED_KEYS.concat(extra.filter((p): p is string => typeof p === 'string').map((s) => s.toLowerCase()))
  const regexps = extra.filter((p): p is RegExp => p instanceof RegExp)
  return (name) => {
    const lower = name.toLowerCase()
    for (const word of words) if (lower.includes(word)) return true
    for (const re of regexps) {
      re.lastIndex = 0
      if (re.test(name)) return true
    }
    return false
  }
}

/** Redacts `a=1&token=x` style parameter lists, keeping the original encoding of everything that is not secret. */
export function redactParams(params: string, isSecret: (name: string) => boolean): string {
  if (params === '') return params
  const parts = params.split('&')
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    const eq = part.indexOf('=')
    if (eq < 0) continue
    let name = part.slice(0, eq)
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '))
    } catch {
      // A malformed escape: judge the raw name.
    }
    if (isSecret(name)) parts[i] = `${part.slice(0, eq)}=${REDACTED}`
  }
  return parts.join('&')
}

/**
 * The URL as perfscope may store and show it: no credentials, secret parameter values replaced in the query and
 * in a `#a=b` fragment (OAuth implicit flows put `#access_token=` there). A fragment that is not a parameter list
 * is kept. A string that does not parse is reduced to its part before `?` and `#`.
 */
export function redactUrl(url: URL | string, isSecret: (name: string) => boolean): string {
  let parsed: URL
  try {
    parsed = typeof url === 'string' ? new URL(url) : url
  } catch {
    return String(url).split(/[?#]/, 1)[0] ?? ''
  }
  const search = parsed.search ? `?${redactParams(parsed.search.slice(1), isSecret)}` : ''
  const rawHash = parsed.hash.slice(1)
  const hash = parsed.hash ? `#${rawHash.includes('=') ? redactParams(rawHash, isSecret) : rawHash}` : ''
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${search}${hash}`
}
