import type { QueryPolicy } from './queryPolicy.ts'
import { sanitizeQuery, UNPARSABLE_URL } from './sanitizeUrl.ts'

/**
 * The URL of a request as perfscope shows it (`lastUrl`), from the route its endpoint key already holds (ids as
 * placeholders, app templates and learned parameters applied) and the request's query, sanitised. `route` is a
 * path for the page's origin, or an origin and a path for another one.
 */
export function keptUrl(
  route: string,
  href: string,
  pageOrigin: string,
  sameOrigin: boolean,
  policy: QueryPolicy,
): string {
  if (route === UNPARSABLE_URL) return UNPARSABLE_URL
  const q = href.indexOf('?')
  const hash = href.indexOf('#', q < 0 ? 0 : q)
  const search = q < 0 ? '' : href.slice(q, hash < 0 ? undefined : hash)
  return `${sameOrigin ? pageOrigin : ''}${route}${sanitizeQuery(search, policy)}`
}
