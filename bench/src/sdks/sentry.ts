import { browserTracingIntegration, init } from '@sentry/browser'

/**
 * `@sentry/browser` as its performance docs set it up: browser tracing on, every transaction sampled, the DSN
 * pointing at the bench server on loopback (which accepts the envelopes).
 */
export function install(origin: string): void {
  const url = new URL(origin)
  init({
    dsn: `${url.protocol}//public@${url.host}/1`,
    integrations: [browserTracingIntegration()],
    tracesSampleRate: 1,
  })
}
