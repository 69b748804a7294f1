import { useState } from 'react'
import type { LoadRunResult, LoadScenario, Monitor, PresetName, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { download } from '../download.ts'
import { formatBytes, formatNumber } from '../format.ts'
import { AppBesideRun } from './AppBesideRun.tsx'
import { DEFAULT_PARAMS, kindOf, withParams, type Params } from './scenarioParams.ts'

const selectLoad = (s: Snapshot) => s.load
const selectEndpointCount = (s: Snapshot) => s.endpoints.filter((e) => e.key.startsWith('GET /')).length

const ms = (v: number | null | undefined) => (v == null ? '—' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`)
const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`

/** The Load tab: pick a preset, adjust it, Start, watch it live, stop it at once, read the results. */
export function LoadTab({ monitor }: { monitor: Monitor }) {
  const { state: load } = usePerformanceMonitor(selectLoad, { monitor })
  const { state: observed } = usePerformanceMonitor(selectEndpointCount, { monitor })
  const [preset, setPreset] = useState<PresetName>('High user load')
  const [params, setParams] = useState<Params>(DEFAULT_PARAMS)
  const [refusal, setRefusal] = useState<string | null>(null)
  const presets = monitor.load.presets()
  const scenario = withParams(presets.find((p) => p.name === preset)!.scenario, params)
  const active = load?.active ?? null
  const last = load?.last ?? null
  const kind = kindOf(scenario)
  const usesUsers = scenario.executor?.endsWith('users') ?? false
  const needsEndpoints = kind === 'traffic' && (scenario.requests ?? []).length === 0
  const capMiB = Math.floor(monitor.load.limits.maxMemoryBytes / 2 ** 20)
  const field = (label: string, key: keyof Params, min: number, max?: number) => (
    <label className="ps-check">
      {label}{' '}
      <input
        className="ps-input"
        type="number"
        min={min}
        max={max}
        value={params[key]}
        disabled={active !== null}
        onChange={(e) => setParams({ ...params, [key]: Number(e.target.value) })}
      />
    </label>
  )

  const start = () => {
    setRefusal(null)
    monitor.load.run(scenario).catch((error: unknown) => setRefusal(error instanceof Error ? error.message : String(error)))
  }

  return (
    <>
      <section className="ps-section" aria-label="Scenario">
        <h3>Scenario</h3>
        <div className="ps-toolbar">
          <label className="ps-check">
            Preset{' '}
            <select className="ps-input" value={preset} disabled={active !== null} onChange={(e) => setPreset(e.target.value as PresetName)}>
              {presets.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          {kind === 'traffic' ? (usesUsers ? field('Users', 'users', 1) : field('Requests/s', 'rate', 1)) : null}
          {kind === 'memory' ? (
            <>
              {field('Step (MiB)', 'stepMiB', 1, capMiB)}
              {/* The panel can only lower the cap the app's code set. */}
              {field('Cap (MiB)', 'capMiB', 1, capMiB)}
            </>
          ) : null}
          {kind === 'fault' ? (
            <>
              {field('Latency (ms)', 'latencyMs', 0, 60_000)}
              {field('Jitter (ms)', 'jitterMs', 0, 60_000)}
              {field('Failures (%)', 'failurePct', 0, 100)}
            </>
          ) : null}
          {kind === 'memory' ? null : field('Duration (s)', 'durationS', 1)}
          <span className="ps-spacer" />
          {active ? (
            <button type="button" className="ps-button ps-button--danger" onClick={() => monitor.load.stop()}>
              Emergency stop
            </button>
          ) : (
            <button type="button" className="ps-button ps-button--primary" onClick={start} disabled={needsEndpoints}>
              Start
            </button>
          )}
        </div>
        <p className="ps-muted">{whatStartDoes(kind, params, capMiB, observed, needsEndpoints)}</p>
        {refusal || load?.error ? (
          <p className="ps-badge ps-badge--bad" role="alert">
            {refusal ?? load?.error}
          </p>
        ) : null}
      </section>
      {active ? (
        <section className="ps-section" aria-label="Live run">
          <h3>Running: {active.scenario}</h3>
          <progress max={active.durationMs} value={active.elapsedMs} aria-label="Run progress" style={{ width: '100%' }} />
          <p className="ps-muted">{Math.max(0, Math.ceil((active.durationMs - active.elapsedMs) / 1000))} s left</p>
          <div className="ps-grid">
            {kind === 'traffic' ? (
              <>
                <Card label={usesUsers ? 'Active users' : 'In flight'} value={formatNumber(active.activeUsers)} />
                <Card label="Requests/s" value={formatNumber(active.rps)} />
                <Card label="Requests" value={formatNumber(active.requests)} />
                <Card label="p50 / p95 / p99" value={`${ms(active.p50)} / ${ms(active.p95)} / ${ms(active.p99)}`} />
                <Card label="Error rate" value={pct(active.errorRate)} tone={active.errorRate > 0.01 ? 'bad' : 'good'} />
              </>
            ) : null}
            {kind === 'memory' || active.memoryHeldBytes > 0 ? <Card label="Memory held" value={formatBytes(active.memoryHeldBytes)} /> : null}
            {active.fault ? <Card label="App requests delayed / failed" value={`${formatNumber(active.fault.delayed)} / ${formatNumber(active.fault.failed)}`} /> : null}
          </div>
        </section>
      ) : null}
      {active ? <AppBesideRun key={active.runId} monitor={monitor} /> : null}
      {last && !active ? <Results result={last} monitor={monitor} scenario={scenario} /> : null}
    </>
  )
}

/** One line on what Start will do. */
function whatStartDoes(kind: ReturnType<typeof kindOf>, p: Params, capMiB: number, observed: number, needsEndpoints: boolean): string {
  if (kind === 'memory') {
    return `Holds memory in the page in steps of ${p.stepMiB} MiB up to ${p.capMiB} MiB (cap ${capMiB} MiB), keeps it 5 s, then releases it. Sends no requests.`
  }
  if (kind === 'fault') {
    return `Delays the app's own fetch calls by ${p.latencyMs} ± ${p.jitterMs} ms and fails ${p.failurePct} % of them as network errors, for ${p.durationS} s. Sends no requests of its own; perfscope's requests and XHR are left alone.`
  }
  return needsEndpoints
    ? 'No GET endpoint seen yet: use the app for a moment so there is something to replay.'
    : `Replays the ${observed} GET endpoint${observed === 1 ? '' : 's'} the app has called, same origin only, tagged X-Perfscope-Load and kept out of the app's figures.`
}

function Card({ label, value, tone }: { label: string; value: string; tone?: 'good' | 'bad' }) {
  return (
    <div className={`ps-card${tone ? ` ps-card--${tone}` : ''}`}>
      <div className="ps-card__label">{label}</div>
      <div className="ps-card__value">{value}</div>
    </div>
  )
}

function Results({ result, monitor, scenario }: { result: LoadRunResult; monitor: Monitor; scenario: LoadScenario }) {
  const tone = result.status === 'completed' ? 'good' : result.status === 'stopped' ? 'warn' : 'bad'
  return (
    <section className="ps-section" aria-label="Results">
      <h3>
        Last run: {result.scenario} <span className={`ps-badge ps-badge--${tone}`}>{result.status}</span>
      </h3>
      {result.reason ? <p className="ps-muted">{result.reason}</p> : null}
      <div className="ps-grid">
        {result.executor === 'none' ? null : (
          <>
            <Card label="Requests" value={formatNumber(result.requests)} />
            <Card label="Requests/s" value={result.rps.toFixed(1)} />
            <Card label="p95" value={ms(result.latency.p95)} />
            <Card label="Error rate" value={pct(result.errorRate)} tone={result.errorRate > 0.01 ? 'bad' : 'good'} />
          </>
        )}
        {result.memory ? (
          <>
            <Card label="Memory held at peak" value={formatBytes(result.memory.peakHeldBytes)} />
            <Card
              label="JS heap before / peak / after"
              value={`${formatBytes(result.memory.heapBefore)} / ${formatBytes(result.memory.heapPeak)} / ${formatBytes(result.memory.heapAfter)}`}
            />
          </>
        ) : null}
        {result.fault ? (
          <>
            <Card label="App requests delayed" value={formatNumber(result.fault.delayed)} />
            <Card label="App requests failed" value={formatNumber(result.fault.failed)} tone={result.fault.failed > 0 ? 'bad' : 'good'} />
          </>
        ) : null}
      </div>
      {result.endpoints.length === 0 ? null : (
        <table className="ps-table">
          <caption className="ps-muted">Per endpoint</caption>
          <thead>
            <tr>
              <th>Endpoint</th>
              <th className="ps-num">Count</th>
              <th className="ps-num">RPS</th>
              <th className="ps-num">p50</th>
              <th className="ps-num">p90</th>
              <th className="ps-num">p95</th>
              <th className="ps-num">p99</th>
              <th className="ps-num">Max</th>
              <th>Errors</th>
            </tr>
          </thead>
          <tbody>
            {result.endpoints.map((e) => (
              <tr key={e.key}>
                <td className="ps-key">{e.key}</td>
                <td className="ps-num">{formatNumber(e.requests)}</td>
                <td className="ps-num">{e.rps.toFixed(1)}</td>
                <td className="ps-num">{ms(e.latency.p50)}</td>
                <td className="ps-num">{ms(e.latency.p90)}</td>
                <td className="ps-num">{ms(e.latency.p95)}</td>
                <td className="ps-num">{ms(e.latency.p99)}</td>
                <td className="ps-num">{ms(e.latency.max)}</td>
                <td>{Object.entries(e.errorsByKind).map(([k, n]) => `${n} ${k}`).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.thresholds.length > 0 ? (
        <ul className="ps-list" aria-label="Thresholds">
          {result.thresholds.map((t) => (
            <li key={`${t.metric}${t.endpoint}${t.expression}`}>
              <span className={`ps-badge ps-badge--${t.status === 'pass' ? 'good' : 'bad'}`}>{t.status}</span> {t.metric}
              {t.endpoint ? `{${t.endpoint}}` : ''} {t.expression} (actual {t.actual == null ? '—' : Math.round(t.actual * 1000) / 1000})
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="ps-list" aria-label="Findings">
        {result.findings.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <div className="ps-toolbar">
        <button type="button" className="ps-button" onClick={() => download(`${result.runId}.json`, JSON.stringify(result, null, 2), 'application/json')}>
          Export run (JSON)
        </button>
        {scenario.executor === undefined ? (
          <span className="ps-muted">No k6 export: k6 runs outside the browser and cannot hold memory in the page or slow its requests.</span>
        ) : (
          <button type="button" className="ps-button" onClick={() => download('perfscope-scenario.k6.js', monitor.load.toK6(scenario), 'text/javascript')}>
            Export k6 script
          </button>
        )}
      </div>
    </section>
  )
}
