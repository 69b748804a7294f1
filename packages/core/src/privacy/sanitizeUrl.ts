import { DROP_ALL_VALUES, type QueryPolicy } from './queryPolicy.ts'
import { sanitizePath } from './sanitizePath.ts'
import { EMAIL_PLACEHOLDER, ID_PLACEHOLDER, segmentPlaceholder, TOKEN_PLACEHOLDER } from './segmentPlaceholder.ts'

/** What a URL that does not parse is shown as: none of its text is kept (it may hold anything). */
export const UNPARSABLE_URL = '(unparsable url)'
/** Query parameters kept per URL; further ones are dropped (a query can be made arbitrarily long). */
export const MAX_QUERY_PARAMS = 32
/** URLs inside allow-listed values are sanitised to this depth; deeper ones are dropped. */
const MAX_NESTING = 2
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\//i

/**
 * The one URL sanitiser: every URL that leaves the collector (endpoint keys, `lastUrl`, attribution, exports,
 * batches, history, the server's route keys) goes through it or through its parts. Userinfo, the fragment and
 * `;` parameters are dropped; path segments that are ids, tokens or e-mail addresses become placeholders;
 * query names are kept and their values dropped unless `policy` keeps them (then URLs inside them are sanitised
 * too). `data:` URLs keep their media type only. A string that does not parse becomes {@link UNPARSABLE_URL}.
 */
export function sanitizeUrl(url: string | URL, policy: QueryPolicy = DROP_ALL_VALUES, base?: string): string {
  return sanitizeAt(url, policy, base, 0)
}

function sanitizeAt(url: string | URL, policy: QueryPolicy, base: string | undefined, depth: number): string {
  let parsed: URL
  try {
    parsed = typeof url === 'string' ? new URL(url, base) : url
  } catch {
    return UNPARSABLE_URL
  }
  const protocol = parsed.protocol
  if (protocol === 'data:') return `data:${mediaType(parsed.pathname)}`
  if (protocol === 'blob:') return `blob:${sanitizeAt(parsed.pathname, policy, undefined, depth)}`
  const path = sanitizePath(parsed.pathname)
  const query = sanitizeQueryAt(parsed.search, policy, depth)
  // Non-hierarchical URLs (`mailto:`, `about:`) have no host; their path is still classified (an address is :email).
  return parsed.host === '' && !parsed.href.startsWith(`${protocol}//`)
    ? `${protocol}${path}${query}`
    : `${protocol}//${parsed.host}${path}${query}`
}

/**
 * A query string (`?a=1&b=2`, or empty) as perfscope may keep it: names kept (a name that is itself an id,
 * token or e-mail address becomes its placeholder), values dropped unless `policy` keeps them. Returns `''` for
 * an empty query, else the kept parameters after a `?`.
 */
export function sanitizeQuery(search: string, policy: QueryPolicy = DROP_ALL_VALUES): string {
  return sanitizeQueryAt(search, policy, 0)
}

function sanitizeQueryAt(search: string, policy: QueryPolicy, depth: number): string {
  const query = search.charCodeAt(0) === 63 ? search.slice(1) : search
  if (query === '') return ''
  const kept: string[] = []
  // `;` separated parameters (an old form servers still accept) are split like `&` ones. Walked one separator at a
  // time, so a query of thousands of parameters costs no more than the first MAX_QUERY_PARAMS of them.
  let start = 0
  while (start <= query.length && kept.length < MAX_QUERY_PARAMS) {
    let end = start
    while (end < query.length && query.charCodeAt(end) !== 38 && query.charCodeAt(end) !== 59) end++
    const part = query.slice(start, end)
    start = end + 1
    if (part === '') continue
    const eq = part.indexOf('=')
    const rawName = eq < 0 ? part : part.slice(0, eq)
    const name = segmentPlaceholder(rawName) ?? rawName
    if (eq < 0 || name !== rawName || !policy.keepsValue(decode(rawName))) {
      kept.push(name)
      continue
    }
    kept.push(`${name}=${sanitizeValue(part.slice(eq + 1), policy, depth)}`)
  }
  return kept.length === 0 ? '' : `?${kept.join('&')}`
}

/** An allow-listed value: kept, except that URLs in it are sanitised and tokens or e-mail addresses replaced. */
function sanitizeValue(raw: string, policy: QueryPolicy, depth: number): string {
  const value = decode(raw)
  if (ABSOLUTE_URL.test(value) || value.startsWith('/')) {
    if (depth >= MAX_NESTING) return TOKEN_PLACEHOLDER
    const nested =
      value.startsWith('/') && !value.startsWith('//')
        ? relative(value, policy, depth + 1)
        : sanitizeAt(value, policy, 'http://x', depth + 1)
    return encodeURIComponent(nested)
  }
  const placeholder = segmentPlaceholder(raw)
  return placeholder === TOKEN_PLACEHOLDER || placeholder === EMAIL_PLACEHOLDER ? placeholder : raw
}

/** A path-and-query value (`/next?x=1`): sanitised as a URL on a placeholder origin, then shown without it. */
function relative(value: string, policy: QueryPolicy, depth: number): string {
  try {
    const parsed = new URL(value, 'http://x')
    return `${sanitizePath(parsed.pathname)}${sanitizeQueryAt(parsed.search, policy, depth)}`
  } catch {
    return ID_PLACEHOLDER
  }
}

/** `image/png` of `image/png;base64,…`: a media type, bounded, nothing of the data. */
function mediaType(body: string): string {
  const end = body.search(/[;,]/)
  const type = end < 0 ? '' : body.slice(0, end)
  return /^[\w.+-]{1,40}\/[\w.+-]{1,60}$/.test(type) ? type : ''
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
