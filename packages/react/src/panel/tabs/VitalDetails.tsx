import type { Monitor, Snapshot, VitalName } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { shortText, toneOfRating } from '../format.ts'
import { formatVital } from './VitalCard.tsx'

const VITALS: readonly VitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB']

/** The attribution fields worth a first look, per vital, in the order shown (the rest follow, bounded). */
const KEY_ATTRIBUTION: Record<VitalName, string[]> = {
  LCP: [
    'target',
    'element',
    'url',
    'timeToFirstByte',
    'resourceLoadDelay',
    'resourceLoadDuration',
    'elementRenderDelay',
  ],
  INP: ['interactionTarget', 'interactionType', 'inputDelay', 'processingDuration', 'presentationDelay', 'loadState'],
  CLS: ['largestShiftTarget', 'largestShiftValue', 'loadState'],
  FCP: ['timeToFirstByte', 'firstByteToFCP', 'loadState'],
  TTFB: ['waitingDuration', 'dnsDuration', 'connectionDuration', 'requestDuration'],
}
const MAX_ATTRIBUTION_ROWS = 8

function attributionRows(name: VitalName, attribution: Record<string, unknown>): [string, string][] {
  const keys = [...KEY_ATTRIBUTION[name], ...Object.keys(attribution)]
  const rows: [string, string][] = []
  for (const key of new Set(keys)) {
    const value = attribution[key]
    if (value == null || typeof value === 'object' || typeof value === 'function') continue
    rows.push([
      key,
      typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : shortText(value, 90),
    ])
    if (rows.length >= MAX_ATTRIBUTION_ROWS) break
  }
  return rows
}

const selectVitals = (s: Snapshot) => s.vitals
const selectVitalsOn = (s: Snapshot) => s.filters.vitals

/** Each Web Vital with its rating and the attribution fields worth a first look. */
export function VitalDetails({ monitor }: { monitor: Monitor }) {
  const { state: vitals } = usePerformanceMonitor(selectVitals, { monitor })
  const { state: enabled } = usePerformanceMonitor(selectVitalsOn, { monitor })
  return (
    <section className="ps-section" aria-label="Web Vitals details">
      <h3>Web Vitals</h3>
      {!enabled ? <p className="ps-empty">Web Vitals are switched off in Settings.</p> : null}
      <div className="ps-two">
        {VITALS.map((name) => {
          const vital = vitals[name]
          const rows = vital ? attributionRows(name, vital.attribution ?? {}) : []
          return (
            <div key={name} className={`ps-card ps-card--${toneOfRating(vital?.rating)}`}>
              <div className="ps-card__label">
                {name}{' '}
                {vital ? (
                  <span className={`ps-badge ps-badge--${toneOfRating(vital.rating)}`}>{vital.rating}</span>
                ) : null}
              </div>
              <div className="ps-card__value">{formatVital(name, vital?.value)}</div>
              {rows.length ? (
                <dl className="ps-kv">
                  {rows.map(([k, v]) => (
                    <div key={k} style={{ display: 'contents' }}>
                      <dt>{k}</dt>
                      <dd title={v}>{v}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <div className="ps-card__hint">{vital ? 'no attribution' : 'not measured yet'}</div>
              )}
            </div>
          )
        })}
      </div>
    </section>
  )
}
