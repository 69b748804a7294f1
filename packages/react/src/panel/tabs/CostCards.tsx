import { COST_ALERT_FRACTIONS, QUOTA_WARNING_FRACTION, type Monitor, type Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { shallowEqual } from '../equality.ts'
import { formatMoney, formatNumber, formatPercent } from '../format.ts'

/** The figures the cost card shows (a fresh cost object arrives with every budget evaluation). */
const selectCost = (s: Snapshot) => ({
  shown: s.costs !== null,
  currency: s.costs?.currency ?? '',
  projectedMonthly: s.costs?.projectedMonthly ?? 0,
  budget: s.costs?.budget ?? null,
  fraction: s.costs?.fraction ?? null,
  atLoadRun: s.costs?.loadRun?.projectedMonthly ?? null,
})

/** The figures of the most used quota, and how many quotas there are. */
const selectBusiestQuota = (s: Snapshot) => {
  const busiest = s.quotas.reduce<(typeof s.quotas)[number] | null>(
    (top, q) => (!top || q.fraction > top.fraction ? q : top),
    null,
  )
  return {
    quotas: s.quotas.length,
    fraction: busiest?.fraction ?? 0,
    match: busiest?.match ?? '',
    used: busiest?.used ?? 0,
    limit: busiest?.limit ?? 0,
    window: busiest?.window ?? '',
  }
}

/** A card's tone: critical from 100 %, a warning from the first alert level (`warnFrom`). */
const tone = (fraction: number | null, warnFrom: number) =>
  fraction === null ? '' : fraction >= 1 ? ' ps-card--bad' : fraction >= warnFrom ? ' ps-card--warn' : ' ps-card--good'

/** Overview cards for the projected monthly cost and the most used quota; nothing when neither is configured. */
export function CostCards({ monitor }: { monitor: Monitor }) {
  const { state: cost } = usePerformanceMonitor(selectCost, { monitor, equals: shallowEqual })
  const { state: quota } = usePerformanceMonitor(selectBusiestQuota, { monitor, equals: shallowEqual })
  return (
    <>
      {cost.shown ? (
        <div
          className={`ps-card${tone(cost.fraction, COST_ALERT_FRACTIONS[0])}`}
          role="group"
          aria-label="Projected monthly cost"
        >
          <div className="ps-card__label">Projected monthly cost</div>
          <div className="ps-card__value">{formatMoney(cost.projectedMonthly, cost.currency)}</div>
          <div className="ps-card__hint">
            {cost.budget === null
              ? 'no monthly budget'
              : `${formatPercent(cost.fraction)} of ${formatMoney(cost.budget, cost.currency)}`}
            {cost.atLoadRun !== null ? ` · at load-run rate ${formatMoney(cost.atLoadRun, cost.currency)}` : ''}
          </div>
        </div>
      ) : null}
      {quota.quotas > 0 ? (
        <div className={`ps-card${tone(quota.fraction, QUOTA_WARNING_FRACTION)}`} role="group" aria-label="Quota use">
          <div className="ps-card__label">Quota use</div>
          <div className="ps-card__value">{formatPercent(quota.fraction)}</div>
          <div className="ps-card__hint">
            {quota.match}: {formatNumber(quota.used)}/{formatNumber(quota.limit)} per {quota.window}
            {quota.quotas > 1 ? ` · ${quota.quotas} quotas` : ''}
          </div>
        </div>
      ) : null}
    </>
  )
}
