import type { Regression } from '@perfscope/core'

/** Regressions against a baseline (a day or a load run), one line each: metric, what got worse, before → now. */
export function RegressionList({ regressions, label }: { regressions: readonly Regression[]; label: string }) {
  return (
    <ul className="ps-list" aria-label={label}>
      {regressions.map((r) => (
        <li key={`${r.metric}${r.what}`}>
          <span className="ps-badge ps-badge--bad">regression</span> {r.metric}: {r.what} {String(r.baseline)} →{' '}
          {String(r.current)}
        </li>
      ))}
    </ul>
  )
}
