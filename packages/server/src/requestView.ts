/**
 * What perfscope's access checks and the app's `authorize` see of a request, the same in both adapters:
 * the Node middleware builds it from an `IncomingMessage`, the Fetch wrapper from a `Request`.
 */
export interface PerfscopeRequest {
  method: string
  /** Absolute URL of the request (for the Node middleware: from the `Host` header). */
  url: URL
  headers: Headers
  /**
   * The peer's address when the adapter knows it: the socket's remote address in the Node middleware, the
   * `clientAddress` option's answer in the Fetch wrapper (a Fetch `Request` carries no address); else null.
   */
  client: string | null
  /** The adapter's own request object (`IncomingMessage` or `Request`), for checks perfscope does not know. */
  raw: unknown
}
