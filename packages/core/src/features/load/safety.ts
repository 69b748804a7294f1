import { LoadScenarioError } from './errors.ts'

/**
 * Hosts that look like a developer's machine: loopback names and addresses, and the `.localhost` and `.test`
 * names reserved for testing (RFC 6761). Anywhere else the simulator refuses to start unless the app opted in
 * with `load: { allowNonDevelopmentHost: true }`: a load test aimed at production by accident is the failure this
 * whole module exists to prevent. `.local` names are other machines on the network (mDNS: a NAS, a printer, a
 * colleague's server), so they need the opt-in too.
 */
export function isDevelopmentHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return (
    host === 'localhost' ||
    host === '127.0.0.1' ||
    host === '::1' ||
    host.endsWith('.localhost') ||
    host.endsWith('.test')
  )
}

/** The page's safety context: where it runs and what the app allowed. */
export interface SafetyContext {
  pageUrl: string
  /** Exact origins besides the page's own that runs may target. */
  allowOrigins: ReadonlySet<string>
  allowNonDevelopmentHost: boolean
}

/** Refuses to run on a host that does not look like development unless the app opted in. */
export function checkHost(safety: SafetyContext): void {
  const page = new URL(safety.pageUrl)
  if (!isDevelopmentHost(page.hostname) && !safety.allowNonDevelopmentHost) {
    throw new LoadScenarioError(
      'page',
      `runs on ${page.hostname}, which does not look like development (localhost, 127.0.0.1, [::1], *.localhost, *.test); the app must opt in with load: { allowNonDevelopmentHost: true }`,
    )
  }
}

/**
 * The absolute URL of a request target, or an error naming the field: same origin by default, other origins only
 * when listed exactly (parsed origins are compared, never substrings — docs/compatibility.md cases 24 and 37), never credentials in
 * the URL, http(s) only.
 */
export function checkTarget(field: string, target: string, safety: SafetyContext): URL {
  let url: URL
  try {
    url = new URL(target, safety.pageUrl)
  } catch {
    // The text itself stays out of the message: it ends up in snapshot().load.error, and so in exports.
    throw new LoadScenarioError(field, `is not a URL (${target.length} characters)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LoadScenarioError(field, `uses ${url.protocol}; only http: and https: can be load-tested`)
  }
  if (url.username || url.password) throw new LoadScenarioError(field, 'must not carry credentials (user:pass@)')
  const pageOrigin = new URL(safety.pageUrl).origin
  if (url.origin !== pageOrigin && !safety.allowOrigins.has(url.origin)) {
    throw new LoadScenarioError(
      field,
      `targets ${url.origin}, which is neither the page's origin (${pageOrigin}) nor in load.allowOrigins`,
    )
  }
  return url
}
