import { segmentPlaceholder } from './segmentPlaceholder.ts'

/**
 * A URL path as perfscope may keep it: `;` parameters (`;jsessionid=…`, matrix parameters) dropped from every
 * segment, and each identifier, token or e-mail address replaced by its placeholder (`:id`, `:token`, `:email`).
 * `/api/users/42;jsessionid=abc/avatar.png` becomes `/api/users/:id/avatar.png`.
 */
export function sanitizePath(path: string): string {
  let segments: string[] | null = null
  let start = 0
  let index = 0
  // Walks the segments without splitting when nothing changes: most paths of an app are kept as they are.
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue
    const raw = path.slice(start, i)
    const semicolon = raw.indexOf(';')
    const segment = semicolon < 0 ? raw : raw.slice(0, semicolon)
    const kept = segmentPlaceholder(segment) ?? segment
    if (kept !== raw && segments === null) segments = path.slice(0, start).split('/')
    if (segments !== null) segments[index] = kept
    index++
    start = i + 1
  }
  return segments === null ? path : segments.join('/')
}
