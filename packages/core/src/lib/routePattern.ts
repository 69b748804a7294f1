/** A custom pattern: paths matching `match` are grouped under `pattern` (e.g. `/docs/*` → `/docs/:page`). */
export interface RoutePatternRule {
  match: RegExp
  pattern: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NUMBER = /^\d+$/
/** Long hex (content hashes, Mongo ids): 12+ hex digits with at least one digit, so words like `deadbeefcafe` need one. */
const HEX_ID = /^(?=.*\d)[0-9a-f]{12,}$/i
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/

/** True when a path segment looks like an id rather than a name. */
export function isIdSegment(segment: string): boolean {
  return NUMBER.test(segment) || UUID.test(segment) || HEX_ID.test(segment) || ULID.test(segment)
}

/**
 * The route pattern of a path: custom rules first, then ids (numbers, UUIDs, ULIDs, long hex hashes) become
 * `:id`. `/users/123/posts/9f1c…` → `/users/:id/posts/:id`. Query and fragment are dropped.
 */
export function routePattern(path: string, rules: readonly RoutePatternRule[] = []): string {
  const pathname = path.split(/[?#]/, 1)[0] || '/'
  for (const rule of rules) if (rule.match.test(pathname)) return rule.pattern
  return pathname
    .split('/')
    .map((segment) => (segment && isIdSegment(segment) ? ':id' : segment))
    .join('/')
}
