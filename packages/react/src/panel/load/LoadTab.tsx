import type { Monitor } from '@perfscope/core'

/**
 * The Load tab. The load simulator (scenarios, safety caps, Start / Emergency stop, results with thresholds)
 * arrives with its own change, which replaces this file and keeps its name and props.
 */
export function LoadTab(_props: { monitor: Monitor }) {
  return (
    <section className="ps-section" aria-label="Load">
      <h3>Load simulator</h3>
      <p className="ps-empty">
        Not available in this build yet. This tab will put the app under controlled, safety-capped load from inside the
        page: pick a scenario and an endpoint, press Start, watch requests per second, p50 / p95 / p99 and the error
        rate live, stop everything at once with Emergency stop, and check the results against thresholds such as
        <code> p(95)&lt;2000</code>.
      </p>
    </section>
  )
}
