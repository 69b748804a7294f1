import type { VitalName, VitalState } from '@perfscope/core'
import { formatMs, toneOfRating } from '../format.ts'

/** A Web Vital's value in its unit (CLS has none). */
export function formatVital(name: VitalName, value: number | undefined): string {
  if (value == null) return '—'
  return name === 'CLS' ? value.toFixed(3) : formatMs(value)
}

/** One vital as a card coloured by its rating. */
export function VitalCard({
  name,
  vital,
  enabled,
}: {
  name: VitalName
  vital: VitalState | undefined
  enabled: boolean
}) {
  const tone = toneOfRating(vital?.rating)
  return (
    <div className={`ps-card ps-card--${tone}`} aria-label={`${name} ${vital ? vital.rating : 'not measured yet'}`}>
      <div className="ps-card__label">{name}</div>
      <div className="ps-card__value">{formatVital(name, vital?.value)}</div>
      <div className="ps-card__hint">
        {!enabled ? 'switched off' : vital ? vital.rating.replace('-', ' ') : 'waiting…'}
      </div>
    </div>
  )
}
