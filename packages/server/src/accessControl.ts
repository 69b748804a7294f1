import type { PerfscopeRequest } from './requestView.ts'

/** Decides who may read the metrics endpoint. May be async (a session lookup); a throw or rejection means no. */
export type Authorize = (request: PerfscopeRequest) => boolean | Promise<boolean>

/** Why a write (a beacon or a piggybacked batch) was refused; counted per reason in the endpoint's reply. */
export type WriteRefusal = 'origin' | 'rate-limited' | 'too-large'

/**
 * Reading is closed by default: an `authorize` that says yes, or else (no `authorize` given) development only
 * (`NODE_ENV` is not `production`) and a loopback client. Without an address (Fetch runtimes do not give one),
 * the request's own host must be a loopback name, which a client on the network can fake with a `Host` header:
 * that is why any dev server reachable beyond loopback should be given an `authorize`.
 */
export async function mayRead(request: PerfscopeRequest, authorize: Authorize | undefined): Promise<boolean> {
  if (authorize) {
    try {
      return (await authorize(request)) === true
    } catch {
      return false
    }
  }
  if (isProduction()) return false
  return request.client !== null ? isLoopbackAddress(request.client) : isLoopbackHost(request.url.hostname)
}

/**
 * Writes come only from pages of the app's own origin or of an origin listed in `allowOrigins` (exact
 * origins, compared after parsing). A browser names the page's origin in `Origin` (every POST, every
 * cross-origin request) and says `Sec-Fetch-Site`; a request with neither is not from a browser page on
 * another site (a browser sends one of them whenever another site is involved), so it passes, as in Sentry
 * Relay's allowed-domains check; rate limits still apply to it.
 */
export function writeOriginAllowed(request: PerfscopeRequest, allowOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin')
  if (origin !== null) {
    if (origin === 'null') return false
    if (allowOrigins.has(origin)) return true
    try {
      // Host, not scheme: behind a TLS-terminating proxy the app sees http while the page is https. The Host
      // header too, not only the URL: some frameworks (Next.js) rewrite request.url to localhost. A page on
      // another site cannot set Host, so either one names the app only when the request came from its pages.
      const host = new URL(origin).host
      return host === request.url.host || host === request.headers.get('host')
    } catch {
      return false
    }
  }
  const site = request.headers.get('sec-fetch-site')
  return site === null || site === 'same-origin' || site === 'none'
}

/** Normalises a list of origins the way browsers write them in `Origin` (`https://app.example.com`). */
export function originSet(option: string, origins: readonly string[] | undefined): ReadonlySet<string> {
  const set = new Set<string>()
  for (const value of origins ?? []) {
    let origin: string
    try {
      origin = new URL(value).origin
    } catch {
      throw new TypeError(
        `perfscope: ${option} takes origins such as https://app.example.com; got ${JSON.stringify(value)}`,
      )
    }
    if (origin === 'null')
      throw new TypeError(`perfscope: ${option} takes http(s) origins; got ${JSON.stringify(value)}`)
    set.add(origin)
  }
  return set
}

function isProduction(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
  return env?.NODE_ENV === 'production'
}

/** 127.0.0.0/8, ::1 and the IPv4-mapped form Node reports for IPv4 clients on a dual-stack socket. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  )
}
