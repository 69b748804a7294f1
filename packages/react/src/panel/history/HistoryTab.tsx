import { useEffect, useState } from 'react'
import type { Monitor, Regression, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { download } from '../download.ts'
import { formatNumber } from '../format.ts'
import { ExportReportButton } from './ExportReportButton.tsx'
import { LoadRunsSection } from './LoadRunsSection.tsx'
import { AlertHistorySection } from './AlertHistorySection.tsx'
import { RegressionList } from './RegressionList.tsx'
import { StoredDataSection } from './StoredDataSection.tsx'

type Day = Awaited<ReturnType<Monitor['history']['days']>>[number]

const selectHistory = (s: Snapshot) => s.history

const ms = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v)} ms`)

/** A small inline SVG trend line of one series over the stored days (text only, no captured data as HTML). */
function Sparkline({ values, label }: { values: Array<number | null>; label: string }) {
  const points = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null)
  if (points.length < 2) return <span className="ps-muted">—</span>
  const max = Math.max(...points.map((p) => p[1])) || 1
  const w = 120
  const h = 28
  const step = w / Math.max(1, values.length - 1)
  const d = points
    .map(([i, v], n) => `${n ? 'L' : 'M'}${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`)
    .join(' ')
  return (
    <svg width={w} height={h} role="img" aria-label={label}>
      <path d={d} fill="none" stroke="var(--ps-accent)" strokeWidth="1.5" />
    </svg>
  )
}

const EXPORTS = [
  ['json', 'JSON', 'application/json'],
  ['csv', 'CSV', 'text/csv'],
  ['har', 'HAR', 'application/json'],
  ['otlp', 'OTLP', 'application/json'],
] as const

/**
 * The History tab: daily trends per vital and endpoint, a pinned baseline and the comparison, stored load runs,
 * exports, and a delete of what is stored.
 */
export function HistoryTab({ monitor }: { monitor: Monitor }) {
  const { state: status } = usePerformanceMonitor(selectHistory, { monitor })
  const [days, setDays] = useState<Day[]>([])
  const [regressions, setRegressions] = useState<Regression[]>([])
  // A write of a new day, a pin, or another tab clearing the store changes these: the list is read again.
  const storedDays = status?.days
  const pinned = status?.baseline

  useEffect(() => {
    let live = true
    void monitor.history.save().then(async () => {
      const [stored, compared] = await Promise.all([monitor.history.days(), monitor.history.compare()])
      if (!live) return
      setDays(stored)
      setRegressions(compared)
    })
    return () => {
      live = false
    }
  }, [monitor, storedDays, pinned])

  const vitals = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] as const
  const endpointKeys = [...new Set(days.flatMap((d) => d.endpoints.map((e) => e.key)))].slice(0, 20)
  const today = days[days.length - 1]

  return (
    <>
      {status?.status === 'memory' ? (
        <p className="ps-badge ps-badge--warn" role="status">
          History is kept in memory only ({status.reason ?? 'IndexedDB is unavailable'}): it will not survive a reload.
        </p>
      ) : null}
      <section className="ps-section" aria-label="Baseline">
        <h3>Baseline</h3>
        <div className="ps-toolbar">
          <span>{status?.baseline ? `Pinned: ${status.baseline}` : 'No baseline pinned yet.'}</span>
          <button
            type="button"
            className="ps-button"
            disabled={!today}
            onClick={() => today && void monitor.history.pin(today.date)}
          >
            Pin today as baseline
          </button>
        </div>
        {status?.baseline ? (
          regressions.length === 0 ? (
            <p className="ps-muted">
              No regression against {status.baseline} (p95/p99 +10 %, throughput −10 %, a vital's rating dropping).
            </p>
          ) : (
            <RegressionList regressions={regressions} label="Regressions" />
          )
        ) : null}
      </section>
      <LoadRunsSection monitor={monitor} />
      <section className="ps-section" aria-label="Daily trends">
        <h3>
          Daily trends ({days.length} day{days.length === 1 ? '' : 's'}, {status?.skipped ?? 0} unreadable record(s)
          skipped)
        </h3>
        {days.length === 0 ? (
          <p className="ps-empty">Nothing stored yet: today's summary is written when the page is idle or hidden.</p>
        ) : (
          <table className="ps-table">
            <thead>
              <tr>
                <th>Metric</th>
                <th>Trend</th>
                <th className="ps-num">Today</th>
              </tr>
            </thead>
            <tbody>
              {vitals.map((name) => (
                <tr key={name}>
                  <td className="ps-key">{name}</td>
                  <td>
                    <Sparkline values={days.map((d) => d.vitals[name]?.value ?? null)} label={`${name} per day`} />
                  </td>
                  <td className="ps-num">
                    {today?.vitals[name]
                      ? name === 'CLS'
                        ? today.vitals[name]!.value.toFixed(3)
                        : ms(today.vitals[name]!.value)
                      : '—'}
                  </td>
                </tr>
              ))}
              {endpointKeys.map((key) => (
                <tr key={key}>
                  <td className="ps-key">{key} (p95)</td>
                  <td>
                    <Sparkline
                      values={days.map((d) => d.endpoints.find((e) => e.key === key)?.latency.p95 ?? null)}
                      label={`${key} p95 per day`}
                    />
                  </td>
                  <td className="ps-num">
                    {ms(today?.endpoints.find((e) => e.key === key)?.latency.p95)} ·{' '}
                    {formatNumber(today?.endpoints.find((e) => e.key === key)?.count)} calls
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <AlertHistorySection days={days} />
      <section className="ps-section" aria-label="Export">
        <h3>Export</h3>
        <div className="ps-toolbar">
          {EXPORTS.map(([format, label, type]) => (
            <button
              key={format}
              type="button"
              className="ps-button"
              onClick={() =>
                void monitor
                  .export(format)
                  .then((data) =>
                    download(
                      `perfscope.${format === 'otlp' ? 'otlp.json' : format === 'har' ? 'har' : format}`,
                      data,
                      type,
                    ),
                  )
              }
            >
              Export {label}
            </button>
          ))}
          <ExportReportButton
            source={() => monitor.report().then((day) => ({ kind: 'day' as const, day }))}
            fileName={`perfscope-${new Date().toISOString().slice(0, 10)}.html`}
          />
        </div>
      </section>
      <StoredDataSection monitor={monitor} retention={status?.retention} />
    </>
  )
}
