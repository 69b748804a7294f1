import { sanitizePath } from '../../privacy/sanitizePath.ts'
import type { CompiledRoute } from './compiledNetworkOptions.ts'

/**
 * Endpoint keys: method + route pattern, so that `/api/users/123` and `/api/users/456` are one endpoint,
 * `GET /api/users/:id`. Same-origin requests are keyed by path; other origins keep their origin in the key.
 */

/**
 * The route of a path: an app route template that matches it, else the path with ids, tokens and e-mail
 * addresses replaced by placeholders and `;` parameters dropped ({@link sanitizePath}). The browser's endpoint
 * keys and the server's route keys both come from here, so the two sides name an endpoint alike.
 */
export function routeOfPath(path: string, routes: readonly CompiledRoute[] = []): string {
  for (const route of routes) if (route.regexp.test(path)) return route.template
  return sanitizePath(path)
}

/**
 * The route part of a URL's endpoint key: the route pattern for the page's origin (`/api/users/:id`), with the
 * origin in front for another one (`https://api.example.com/v1/x`). The query, fragment and userinfo never take
 * part (they are data, and may be secret).
 */
export function routeOfUrl(url: URL, pageOrigin: string, routes: readonly CompiledRoute[] = []): string {
  const route = routeOfPath(url.pathname, routes)
  return url.origin === pageOrigin ? route : `${url.origin}${route}`
}

/**
 * The key an endpoint is counted under, `GET /api/users/:id`: the one place the browser's endpoints, the load
 * simulator's results and the server's routes get their names, so all three name an endpoint alike.
 */
export function endpointKey(method: string, route: string): string {
  return `${method.toUpperCase()} ${route}`
}
