import { useEffect, useState } from 'react'
import type { LoadRequest, LoadRunResult, LoadScenario, Monitor, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { download } from '../download.ts'
import { formatBytes, formatNumber } from '../format.ts'
import { AppBesideRun } from './AppBesideRun.tsx'
import { useLoadTabMemory } from './loadTabMemory.ts'
import { loadTargets, MAX_LISTED_TARGETS, type LoadTarget } from './loadTargets.ts'
import { kindOf, withParams, type Params } from './scenarioParams.ts'
import { usePresets } from './usePresets.ts'

const selectLoad = (s: Snapshot) => s.load
const selectEndpoints = (s: Snapshot) => s.endpoints
const selectLongTasks = (s: Snapshot) => s.longTasks
/** Paths typed in that one run replays at most. */
const MAX_TYPED = 10

const ms = (v: number | null | undefined) => (v == null ? '—' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`)
const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`

/**
 * The Load tab: pick a preset and what it replays (the endpoints seen, or a path typed in), adjust it, Start,
 * watch it live, stop it at once, read the results. Its choices outlive closing the panel.
 */
export function LoadTab({ monitor }: { monitor: Monitor }) {
  const { state: load } = usePerformanceMonitor(selectLoad, { monitor })
  const { state: endpoints } = usePerformanceMonitor(selectEndpoints, { monitor })
  const { state: longTasks } = usePerformanceMonitor(selectLongTasks, { monitor })
  const [memory, remember] = useLoadTabMemory(monitor.load)
  const { preset, params, unticked, typed } = memory
  const [refusal, setRefusal] = useState<string | null>(null)
  const [typing, setTyping] = useState('')
  const { presets, error: presetsError } = usePresets(monitor.load)
  const active = load?.active ?? null

  // The app's long tasks "since the run started" count from the first time any view saw the run.
  useEffect(() => {
    if (active && memory.runStart?.runId !== active.runId) {
      remember({ runStart: { runId: active.runId, longTasks: longTasks.count, longTaskMs: longTasks.totalMs } })
    }
  }, [active, memory.runStart, longTasks, remember])

  if (!presets) {
    return presetsError ? (
      <p className="ps-badge ps-badge--bad" role="alert">
        {presetsError}
      </p>
    ) : (
      <p className="ps-muted">Loading the load simulator…</p>
    )
  }
  const { targets, skipped } = loadTargets(endpoints, location.origin, monitor.load.allowOrigins)
  const chosen = targets.filter((t) => !unticked.includes(t.key))
  const requests: LoadRequest[] = [
    ...chosen.map((t) => ({ method: 'GET', url: t.url, weight: Math.max(1, t.count) })),
    ...typed.map((url) => ({ method: 'GET', url })),
  ]
  const base = presets.find((p) => p.name === preset)!.scenario
  const scenario = withParams(base.requests ? { ...base, requests } : base, params)
  const last = load?.last ?? null
  const kind = kindOf(scenario)
  const usesUsers = scenario.executor?.endsWith('users') ?? false
  const needsEndpoints = kind === 'traffic' && requests.length === 0
  const capMiB = Math.floor(monitor.load.limits.maxMemoryBytes / 2 ** 20)
  const runStart = active && memory.runStart?.runId === active.runId ? memory.runStart : null

  const field = (label: string, key: keyof Params, min: number, max?: number) => (
    <label className="ps-check">
      {label}{' '}
      <input
        className="ps-input ps-input--number"
        type="number"
        min={min}
        max={max}
        value={params[key]}
        disabled={active !== null}
        onChange={(e) => remember({ params: { ...params, [key]: Number(e.target.value) } })}
      />
    </label>
  )

  const start = () => {
    if (active || needsEndpoints) return
    setRefusal(null)
    monitor.load
      .run(scenario)
      .catch((error: unknown) => setRefusal(error instanceof Error ? error.message : String(error)))
  }
  const addTyped = () => {
    const text = typing.trim()
    if (!text || typed.includes(text) || typed.length >= MAX_TYPED) return
    remember({ typed: [...typed, text] })
    setTyping('')
  }

  return (
    <>
      <section className="ps-section" aria-label="Scenario">
        <h3>Scenario</h3>
        <div className="ps-toolbar">
          <label className="ps-check">
            Preset{' '}
            <select
              className="ps-input"
              aria-label="Preset"
              value={preset}
              disabled={active !== null}
              onChange={(e) => remember({ preset: e.target.value as typeof preset })}
            >
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
        </div>
        {kind === 'traffic' ? (
          <Targets
            targets={targets}
            skipped={skipped}
            unticked={unticked}
            typed={typed}
            disabled={active !== null}
            onTick={(key, on) => remember({ unticked: on ? unticked.filter((k) => k !== key) : [...unticked, key] })}
            onUntype={(url) => remember({ typed: typed.filter((t) => t !== url) })}
            typing={typing}
            onTyping={setTyping}
            onAdd={addTyped}
          />
        ) : null}
        {/* Start stays where it is while a run is active, and Emergency stop appears beside it, never under the
            pointer that just pressed Start. */}
        <div className="ps-run-actions">
          <button
            type="button"
            className="ps-button ps-button--primary"
            onClick={start}
            disabled={needsEndpoints}
            aria-disabled={active !== null || undefined}
          >
            {active ? 'Running…' : 'Start'}
          </button>
          {active ? (
            <button type="button" className="ps-button ps-button--danger" onClick={() => monitor.load.stop()}>
              Emergency stop
            </button>
          ) : null}
        </div>
        <p className="ps-muted">{whatStartDoes(kind, params, capMiB, chosen.length + typed.length, needsEndpoints)}</p>
        {refusal || load?.error ? (
          <p className="ps-badge ps-badge--bad" role="alert">
            {refusal ?? load?.error}
          </p>
        ) : null}
      </section>
      {active ? (
        <section className="ps-section" aria-label="Live run">
          <h3>Running: {active.scenario}</h3>
          <progress
            max={active.durationMs}
            value={active.elapsedMs}
            aria-label="Run progress"
            style={{ width: '100%' }}
          />
          <p className="ps-muted">{Math.max(0, Math.ceil((active.durationMs - active.elapsedMs) / 1000))} s left</p>
          <div className="ps-grid">
            {kind === 'traffic' ? (
              <>
                <Card label={usesUsers ? 'Active users' : 'In flight'} value={formatNumber(active.activeUsers)} />
                <Card label="Requests/s" value={formatNumber(active.rps)} />
                <Card label="Requests" value={formatNumber(active.requests)} />
                <Card label="p50 / p95 / p99" value={`${ms(active.p50)} / ${ms(active.p95)} / ${ms(active.p99)}`} />
                <Card
                  label="Error rate"
                  value={pct(active.errorRate)}
                  tone={active.errorRate > 0.01 ? 'bad' : 'good'}
                />
              </>
            ) : null}
            {kind === 'memory' || active.memoryHeldBytes > 0 ? (
              <Card label="Memory held" value={formatBytes(active.memoryHeldBytes)} />
            ) : null}
            {active.fault ? (
              <Card
                label="App requests delayed / failed"
                value={`${formatNumber(active.fault.delayed)} / ${formatNumber(active.fault.failed)}`}
              />
            ) : null}
          </div>
        </section>
      ) : null}
      {active ? (
        <AppBesideRun
          monitor={monitor}
          tasksAtStart={runStart ? { count: runStart.longTasks, totalMs: runStart.longTaskMs } : longTasks}
        />
      ) : null}
      {last && !active ? <Results result={last} monitor={monitor} scenario={scenario} /> : null}
    </>
  )
}

/** What a traffic run replays: ticked endpoints (the busiest listed) and paths typed in. */
function Targets(props: {
  targets: readonly LoadTarget[]
  skipped: number
  unticked: readonly string[]
  typed: readonly string[]
  disabled: boolean
  onTick(key: string, on: boolean): void
  onUntype(url: string): void
  typing: string
  onTyping(text: string): void
  onAdd(): void
}) {
  const listed = props.targets.slice(0, MAX_LISTED_TARGETS)
  return (
    <fieldset className="ps-targets" aria-label="Endpoints to replay" disabled={props.disabled}>
      <legend className="ps-muted">Replays</legend>
      {listed.length === 0 && props.typed.length === 0 ? <p className="ps-muted">No GET endpoint seen yet.</p> : null}
      <div className="ps-checks">
        {listed.map((t) => (
          <label key={t.key} className="ps-check ps-key" title={t.url}>
            <input
              type="checkbox"
              checked={!props.unticked.includes(t.key)}
              onChange={(e) => props.onTick(t.key, e.target.checked)}
            />
            {t.key}
          </label>
        ))}
        {props.typed.map((url) => (
          <label key={url} className="ps-check ps-key">
            <input type="checkbox" checked onChange={() => props.onUntype(url)} />
            GET {url}
          </label>
        ))}
      </div>
      <form
        className="ps-toolbar"
        onSubmit={(e) => {
          e.preventDefault()
          props.onAdd()
        }}
      >
        <input
          className="ps-input"
          aria-label="Path or URL to replay"
          placeholder="/api/items or an allowed https://origin/path"
          value={props.typing}
          onChange={(e) => props.onTyping(e.target.value)}
        />
        <button type="submit" className="ps-button" disabled={props.typing.trim() === ''}>
          Add
        </button>
        {props.targets.length > listed.length ? (
          <span className="ps-muted">{props.targets.length - listed.length} quieter endpoints not listed</span>
        ) : null}
        {props.skipped > 0 ? (
          <span className="ps-muted">
            {props.skipped} endpoint{props.skipped === 1 ? '' : 's'} of other origins not in load.allowOrigins
          </span>
        ) : null}
      </form>
    </fieldset>
  )
}

/** One line on what Start will do. */
function whatStartDoes(
  kind: ReturnType<typeof kindOf>,
  p: Params,
  capMiB: number,
  replayed: number,
  needsEndpoints: boolean,
): string {
  if (kind === 'memory') {
    return `Holds memory in the page in steps of ${p.stepMiB} MiB up to ${p.capMiB} MiB (cap ${capMiB} MiB), keeps it 5 s, then releases it. Sends no requests.`
  }
  if (kind === 'fault') {
    return `Delays the app's own fetch and XHR calls by ${p.latencyMs} ± ${p.jitterMs} ms and fails ${p.failurePct} % of them as network errors, for ${p.durationS} s. Sends no requests of its own; perfscope's own requests and the load simulator's are left alone.`
  }
  return needsEndpoints
    ? 'Nothing to replay yet: use the app for a moment (here or in another tab), pick stored history above, or type a path.'
    : `Replays ${replayed} GET endpoint${replayed === 1 ? '' : 's'}, weighted by how often the app called them, tagged X-Perfscope-Load and kept out of the app's figures.`
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
            <Card
              label="App requests failed"
              value={formatNumber(result.fault.failed)}
              tone={result.fault.failed > 0 ? 'bad' : 'good'}
            />
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
                <td>
                  {Object.entries(e.errorsByKind)
                    .map(([k, n]) => `${n} ${k}`)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.thresholds.length > 0 ? (
        <ul className="ps-list" aria-label="Thresholds">
          {result.thresholds.map((t) => (
            <li key={`${t.metric}${t.endpoint}${t.expression}`}>
              <span className={`ps-badge ps-badge--${t.status === 'pass' ? 'good' : 'bad'}`}>{t.status}</span>{' '}
              {t.metric}
              {t.endpoint ? `{${t.endpoint}}` : ''} {t.expression} (actual{' '}
              {t.actual == null ? '—' : Math.round(t.actual * 1000) / 1000})
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
        <button
          type="button"
          className="ps-button"
          onClick={() => download(`${result.runId}.json`, JSON.stringify(result, null, 2), 'application/json')}
        >
          Export run (JSON)
        </button>
        {scenario.executor === undefined ? (
          <span className="ps-muted">
            No k6 export: k6 runs outside the browser and cannot hold memory in the page or slow its requests.
          </span>
        ) : (
          <button
            type="button"
            className="ps-button"
            onClick={() =>
              void monitor.load
                .toK6(scenario)
                .then((script) => download('perfscope-scenario.k6.js', script, 'text/javascript'))
            }
          >
            Export k6 script
          </button>
        )}
      </div>
    </section>
  )
}
