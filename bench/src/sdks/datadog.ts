import { datadogRum } from '@datadog/browser-rum'

/**
 * `@datadog/browser-rum` with its documented minimal options: every session sampled, no session replay, the
 * intake proxied to the bench server on loopback (which accepts the batches).
 */
export function install(origin: string): void {
  datadogRum.init({
    applicationId: '00000000-0000-4000-8000-000000000000',
    clientToken: 'pub00000000000000000000000000000000',
    site: 'datadoghq.com',
    service: 'perfscope-bench',
    proxy: `${origin}/intake/datadog`,
    sessionSampleRate: 100,
    sessionReplaySampleRate: 0,
  })
}
