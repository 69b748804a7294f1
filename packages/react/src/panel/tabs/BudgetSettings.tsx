import { useState, type FormEvent } from 'react'
import type { Monitor, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { addBudget, removeBudget } from '../budgetFileEdit.ts'
import { sameBudgetState } from './sameBudgetState.ts'

const selectBudgets = (s: Snapshot) => s.budgets

/** The Settings tab's budgets: the core's environment (switchable), the budgets checked live, and run-time edits. */
export function BudgetSettings({ monitor }: { monitor: Monitor }) {
  const { state: budgets } = usePerformanceMonitor(selectBudgets, { monitor, equals: sameBudgetState })
  const [metric, setMetric] = useState('')
  const [level, setLevel] = useState<'warning' | 'critical'>('critical')
  const [expression, setExpression] = useState('')
  const [error, setError] = useState<string | null>(null)
  const environment = budgets?.environment ?? null

  /** Runs a change (a budget file is read with the budgets' code, so `set()` settles later); shows why it failed. */
  const apply = async (change: () => void | Promise<void>) => {
    try {
      await change()
      setError(null)
      return true
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      return false
    }
  }

  const add = async (event: FormEvent) => {
    event.preventDefault()
    if (!metric.trim() || !expression.trim()) return
    const file = addBudget(budgets?.file ?? null, environment, metric.trim(), level, expression.trim())
    if (await apply(() => monitor.budgets.set(file))) setExpression('')
  }

  return (
    <section className="ps-section" aria-label="Budgets">
      <h3>Budgets</h3>
      {budgets === null ? (
        <p className="ps-empty">Budgets are checked once monitoring is on.</p>
      ) : (
        <>
          {budgets.fileError ? (
            <p role="alert" className="ps-badge ps-badge--bad" style={{ margin: 0 }}>
              The budget file is not in force, defaults apply: {budgets.fileError}
            </p>
          ) : null}
          <label className="ps-toolbar">
            Budget environment
            <select
              className="ps-input"
              aria-label="Budget environment"
              value={environment ?? ''}
              onChange={(e) => void apply(() => monitor.budgets.setEnvironment(e.target.value || null))}
            >
              <option value="">top-level budgets</option>
              {budgets.environments.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <ul className="ps-list" aria-label="Active budgets">
            {budgets.rules.map((r) => (
              <li key={`${r.metric} ${r.level} ${r.expression}`}>
                <span className={`ps-badge ps-badge--${r.level === 'critical' ? 'bad' : 'warn'}`}>{r.level}</span>
                <code style={{ flex: 1 }}>
                  {r.metric}: {r.expression}
                </code>
                {r.source === 'default' || !budgets.file ? (
                  <span className="ps-muted">default</span>
                ) : (
                  <button
                    type="button"
                    className="ps-button"
                    aria-label={`Remove budget ${r.metric} ${r.level} ${r.expression}`}
                    onClick={() =>
                      void apply(() =>
                        monitor.budgets.set(removeBudget(budgets.file!, environment, r.metric, r.level, r.expression)),
                      )
                    }
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {budgets.applied.length > 0 ? (
            <details>
              <summary>Applied to each endpoint ({budgets.applied.length})</summary>
              <ul className="ps-list" aria-label="Budgets applied to each endpoint">
                {budgets.applied.map((a) => (
                  <li key={a.endpoint}>
                    <code style={{ flex: 1 }}>{a.endpoint}</code>
                    <span>{a.rules.map((r) => `${r.level} ${r.expression}`).join(', ')}</span>
                    <span className="ps-muted">{a.source}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <form className="ps-toolbar" style={{ marginTop: 8 }} onSubmit={(e) => void add(e)}>
            <input
              className="ps-input"
              aria-label="Budget metric"
              placeholder="GET /api/* or vital.LCP"
              value={metric}
              onChange={(e) => setMetric(e.target.value)}
            />
            <select
              className="ps-input"
              aria-label="Budget level"
              value={level}
              onChange={(e) => setLevel(e.target.value as 'warning' | 'critical')}
            >
              <option value="warning">warning</option>
              <option value="critical">critical</option>
            </select>
            <input
              className="ps-input"
              aria-label="New budget"
              placeholder="p(95)<500"
              value={expression}
              onChange={(e) => setExpression(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
            <button type="submit" className="ps-button">
              Add budget
            </button>
          </form>
        </>
      )}
      {error ? (
        <p role="alert" className="ps-badge ps-badge--bad" style={{ margin: 0 }}>
          {error}
        </p>
      ) : null}
    </section>
  )
}
