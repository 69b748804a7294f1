/**
 * Endpoint keys: method + route pattern, so that `/api/users/123` and `/api/users/456` are one endpoint,
 * `GET /api/users/:id`. Same-origin requests are keyed by path; other origins keep their origin in the key.
 */

/** A route template given by the app, e.g. `/api/orders/:orderId/items/*`; matched before the built-in rules. */
export interface CompiledRoute {
  template: string
  regexp: RegExp
}

/** Compiles route templates: `:name` matches one path segment, a trailing `*` matches the rest. */
export function compileRoutes(templates: readonly string[]): CompiledRoute[] {
  return templates.map((template) => {
    const source = template
      .split('/')
      .map((segment) => {
        if (segment === '*') return '.*'
        if (segment.startsWith(':')) return '[^/]+'
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    return { template, regexp: new RegExp(`^${source}/?$`) }
  })
}

const DIGIT = /\d/
const NUMBER = /^\d+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Hex hashes and object ids: 12+ hex digits (MongoDB ids are 24, git short hashes 7-12, SHA-1 40). */
const HEX = /^(?=.*\d)[0-9a-f]{12,}$/i
/** Opaque tokens: 20+ URL-safe characters mixing letters and digits (base64 ids, slugs with hashes). */
const TOKEN = /^(?=.*\d)(?=.*[a-z])[\w-]{20,}$/i

/** True when a path segment looks like an identifier rather than part of the route. */
export function isIdSegment(segment: string): boolean {
  // Every id shape below holds a digit; most route words hold none, so one cheap test settles them.
  if (!DIGIT.test(segment)) return false
  return NUMBER.test(segment) || UUID.test(segment) || HEX.test(segment) || TOKEN.test(segment)
}

/** Replaces identifier segments of `path` with `:id`, unless an app route template matches first. */
export function routeOfPath(path: string, routes: readonly CompiledRoute[] = []): string {
  for (const route of routes) if (route.regexp.test(path)) return route.template
  if (!DIGIT.test(path)) return path
  const segments = path.split('/')
  for (let i = 0; i < segments.length; i++) if (isIdSegment(segments[i]!)) segments[i] = ':id'
  return segments.join('/')
}

/**
 * The endpoint key of a request: `GET /api/users/:id` for the page's origin, `GET https://api.example.com/v1/x`
 * for another one. The query and fragment never take part (they are data, and may be secret).
 */
export function endpointKey(method: string, url: URL, pageOrigin: string, routes: readonly CompiledRoute[] = []): string {
  const route = routeOfPath(url.pathname, routes)
  const m = method.toUpperCase()
  return url.origin === pageOrigin ? `${m} ${route}` : `${m} ${url.origin}${route}`
}
