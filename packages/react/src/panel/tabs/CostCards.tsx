import { COST_ALERT_FRACTIONS, QUOTA_WARNING_FRACTION, type Monitor, type Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { formatMoney, formatNumber, formatPercent } from '../format.ts'

const selectCosts = (s: Snapshot) => s.costs
const selectQuotas = (s: Snapshot) => s.quotas

/** A card's tone: critical from 100 %, a warning from the first alert level (`warnFrom`). */
const tone = (fraction: number | null, warnFrom: number) => (fraction === null ? '' : fraction >= 1 ? ' ps-card--bad' : fraction >= warnFrom ? ' ps-card--warn' : ' ps-card--good')

/** Overview cards for the projected monthly cost and the most used quota; nothing when neither is configured. */
export function CostCards({ monitor }: { monitor: Monitor }) {
  const { state: costs } = usePerformanceMonitor(selectCosts, { monitor })
  const { state: quotas } = usePerformanceMonitor(selectQuotas, { monitor })
  const busiest = quotas.reduce<(typeof quotas)[number] | null>((top, q) => (!top || q.fraction > top.fraction ? q : top), null)
  return (
    <>
      {costs ? (
        <div className={`ps-card${tone(costs.fraction, COST_ALERT_FRACTIONS[0])}`} role="group" aria-label="Projected monthly cost">
          <div className="ps-card__label">Projected monthly cost</div>
          <div className="ps-card__value">{formatMoney(costs.projectedMonthly, costs.currency)}</div>
          <div className="ps-card__hint">
            {costs.budget === null ? 'no monthly budget' : `${formatPercent(costs.fraction)} of ${formatMoney(costs.budget, costs.currency)}`}
            {costs.loadRun ? ` · at load-run rate ${formatMoney(costs.loadRun.projectedMonthly, costs.currency)}` : ''}
          </div>
        </div>
      ) : null}
      {busiest ? (
        <div className={`ps-card${tone(busiest.fraction, QUOTA_WARNING_FRACTION)}`} role="group" aria-label="Quota use">
          <div className="ps-card__label">Quota use</div>
          <div className="ps-card__value">{formatPercent(busiest.fraction)}</div>
          <div className="ps-card__hint">
            {busiest.match}: {formatNumber(busiest.used)}/{formatNumber(busiest.limit)} per {busiest.window}
            {quotas.length > 1 ? ` · ${quotas.length} quotas` : ''}
          </div>
        </div>
      ) : null}
    </>
  )
}
