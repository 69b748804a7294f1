import { LoadScenarioError } from './errors.ts'
import { LOAD_HEADER } from './runTypes.ts'
import type { ExecutorName, ResolvedScenario } from './scenario.ts'

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`
}

/** The k6 `scenarios` entry for an executor (https://grafana.com/docs/k6/latest/using-k6/scenarios/executors/). */
function k6Scenario(s: ResolvedScenario, executor: ExecutorName): Record<string, unknown> {
  const target = s.stages[s.stages.length - 1]!.target
  const ramp = s.stages
    .filter((stage) => stage.durationMs > 0)
    .map((stage) => ({ duration: duration(stage.durationMs), target: stage.target }))
  const peak = Math.max(...s.stages.map((stage) => stage.target))
  switch (executor) {
    case 'constant-users':
      return { executor: 'constant-vus', vus: target, duration: duration(s.durationMs) }
    case 'ramping-users':
      return { executor: 'ramping-vus', startVUs: 0, stages: ramp }
    case 'constant-arrival-rate':
      return {
        executor: 'constant-arrival-rate',
        rate: target,
        timeUnit: '1s',
        duration: duration(s.durationMs),
        preAllocatedVUs: Math.max(1, Math.ceil(target)),
      }
    case 'ramping-arrival-rate':
      return {
        executor: 'ramping-arrival-rate',
        startRate: 0,
        timeUnit: '1s',
        stages: ramp,
        preAllocatedVUs: Math.max(1, Math.ceil(peak)),
      }
  }
}

/**
 * A k6 script that runs the same scenario outside the browser, at larger scale, on k6's own infrastructure.
 * The base URL comes from `BASE_URL` (default: the page's origin); custom `user` functions are browser code and
 * are left as a comment to port by hand. A scenario that sends no requests of its own (memory pressure, slow
 * network alone) is refused with a `LoadScenarioError`: k6 runs outside the browser and cannot hold memory in the
 * page or slow the app's own requests, so there would be nothing to run.
 */
export function toK6Script(s: ResolvedScenario, pageOrigin: string): string {
  const executor = s.executor
  if (executor === 'none') {
    throw new LoadScenarioError(
      'scenario',
      `"${s.name}" sends no requests of its own: k6 runs outside the browser and cannot hold memory in the page or slow the app's own requests, so there is nothing to export`,
    )
  }
  const inPageOnly = [
    s.memory ? 'held memory in the page' : null,
    s.fault ? "slowed the app's own requests" : null,
  ].filter(Boolean)
  const thresholds: Record<string, string[]> = {}
  for (const t of s.thresholds) {
    const key = t.endpoint ? `${t.metric}{endpoint:${t.endpoint}}` : t.metric
    ;(thresholds[key] ??= []).push(t.source)
  }
  const requests = s.requests.map((r) => ({
    method: r.method,
    path: r.url.origin === pageOrigin ? `${r.url.pathname}${r.url.search}` : r.url.href,
    weight: r.weight,
    body:
      typeof r.body === 'string'
        ? r.body
        : r.payloadBytes
          ? `x`.repeat(Math.min(r.payloadBytes, 64)) +
            (r.payloadBytes > 64 ? ` /* ${r.payloadBytes} bytes in the browser run */` : '')
          : null,
    endpoint: `${r.method} ${r.url.pathname}`,
  }))
  const scenarioName = s.name.replace(/\W+/g, '_') || 'main'
  const options = { scenarios: { [scenarioName]: k6Scenario(s, executor) }, thresholds }
  return `// Exported by perfscope from the in-browser scenario "${s.name}". Run: k6 run -e BASE_URL=https://staging.example.test script.js
${inPageOnly.length ? `// The browser run also ${inPageOnly.join(' and ')}; k6 cannot do that from outside the browser, so only the requests are here.\n` : ''}import http from 'k6/http'
import { sleep } from 'k6'

export const options = ${JSON.stringify(options, null, 2)}

const BASE_URL = __ENV.BASE_URL || ${JSON.stringify(pageOrigin)}
// Load traffic says so, as the in-browser runs do: @perfscope/server counts it apart from the app's real traffic.
const RUN_ID = __ENV.PERFSCOPE_RUN || ${JSON.stringify(`k6-${scenarioName}`)}
const requests = ${JSON.stringify(requests, null, 2)}
const totalWeight = requests.reduce((sum, r) => sum + r.weight, 0)

export default function () {
${
  s.user ? '  // This scenario used a custom browser function (user: async (vu) => …); port its requests here.\n' : ''
}  let pick = Math.random() * totalWeight
  const r = requests.find((candidate) => (pick -= candidate.weight) < 0) || requests[requests.length - 1]
  if (r) {
    const url = r.path.startsWith('http') ? r.path : BASE_URL + r.path
    http.request(r.method, url, r.body, { tags: { endpoint: r.endpoint }, headers: { ${JSON.stringify(LOAD_HEADER)}: RUN_ID } })
  }
  ${s.thinkTimeMs > 0 ? `sleep(${s.thinkTimeMs / 1000})` : '// no think time: arrival-rate executors pace the requests'}
}
`
}
