import { useState, type FormEvent } from 'react'
import { parseThreshold } from '@perfscope/core'
import { MAX_BUDGETS, setBudgets, useBudgets } from '../budgets.ts'

/** The Settings tab's budget editor: add and remove k6-style expressions checked against every endpoint. */
export function BudgetSettings() {
  const budgets = useBudgets()
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)

  const add = (event: FormEvent) => {
    event.preventDefault()
    const expression = draft.trim()
    if (!expression) return
    try {
      parseThreshold(expression)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      return
    }
    setBudgets([...budgets.filter((b) => b !== expression), expression])
    setDraft('')
    setError(null)
  }

  return (
    <section className="ps-section" aria-label="Budgets">
      <h3>Budgets</h3>
      <p className="ps-muted" style={{ margin: '0 0 6px' }}>
        Checked against every endpoint: <code>p(95)</code>, <code>avg</code>, <code>med</code>, <code>max</code> in ms,{' '}
        <code>rate</code> is the error rate (0–1). A broken budget shows in Overview and Network.
      </p>
      <ul className="ps-list">
        {budgets.map((b) => (
          <li key={b}>
            <code style={{ flex: 1 }}>{b}</code>
            <button type="button" className="ps-button" aria-label={`Remove budget ${b}`} onClick={() => setBudgets(budgets.filter((x) => x !== b))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="ps-toolbar" style={{ marginTop: 8 }} onSubmit={add}>
        <input
          className="ps-input"
          aria-label="New budget"
          placeholder="p(95)<500"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="ps-button" disabled={budgets.length >= MAX_BUDGETS}>
          Add budget
        </button>
      </form>
      {error ? (
        <p role="alert" className="ps-badge ps-badge--bad" style={{ margin: 0 }}>
          {error}
        </p>
      ) : null}
    </section>
  )
}
