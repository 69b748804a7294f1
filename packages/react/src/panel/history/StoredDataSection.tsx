import { useState } from 'react'
import type { Monitor, Snapshot } from '@perfscope/core'

type Retention = NonNullable<Snapshot['history']>['retention']

/** A retention period as people say it: months from two months on, days below. */
const period = (days: number) => (days >= 60 ? `${Math.round(days / 30.5)} months` : `${days} days`)

/** What is kept and for how long, as history reports it once its code has loaded. */
function keptText(retention: Retention | undefined): string {
  if (!retention)
    return "Kept in this origin's IndexedDB: daily summaries, request detail, load runs and the pinned baselines."
  return (
    `Kept in this origin's IndexedDB: daily summaries for ${period(retention.summaryDays)}, request detail for ` +
    `${period(retention.detailDays)}, the last ${retention.runs} load runs and the pinned baselines.`
  )
}

/** Where the deletion is: asked for, confirmed and under way, or done. */
type Step = 'idle' | 'confirming' | 'deleting' | 'deleted'

/**
 * The History tab's last section: what perfscope keeps in the origin's IndexedDB, and a delete of all of it that
 * asks once more first (it cannot be undone, and other tabs of the origin lose it too).
 */
export function StoredDataSection({ monitor, retention }: { monitor: Monitor; retention: Retention | undefined }) {
  const [step, setStep] = useState<Step>('idle')
  const remove = () => {
    setStep('deleting')
    // `clear()` reports its own failures in the overlay's errors and never rejects.
    void monitor.history.clear().then(() => setStep('deleted'))
  }

  return (
    <section className="ps-section" aria-label="Stored data">
      <h3>Stored data</h3>
      <p className="ps-muted">{keptText(retention)}</p>
      {step === 'confirming' || step === 'deleting' ? (
        <div className="ps-toolbar" role="group" aria-label="Confirm deletion">
          <span>Delete every stored day, load run and pin, for all tabs of this origin?</span>
          <button type="button" className="ps-button ps-button--danger" disabled={step === 'deleting'} onClick={remove}>
            Delete
          </button>
          <button type="button" className="ps-button" disabled={step === 'deleting'} onClick={() => setStep('idle')}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="ps-toolbar">
          {step === 'deleted' ? (
            <span role="status">
              Stored history deleted. This page keeps measuring, so its figures for today are stored again.
            </span>
          ) : null}
          <button type="button" className="ps-button" onClick={() => setStep('confirming')}>
            Delete stored history…
          </button>
        </div>
      )}
    </section>
  )
}
