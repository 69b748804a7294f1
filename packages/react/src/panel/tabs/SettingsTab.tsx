import { METRIC_NAMES, type Monitor, type Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { BudgetSettings } from './BudgetSettings.tsx'

const selectRunning = (s: Snapshot) => s.running
const selectFilters = (s: Snapshot) => s.filters
const selectIncludeInternal = (s: Snapshot) => s.includeInternal

/** Settings: monitoring on / off, one checkbox per metric (off = not collected), budgets, and export. */
export function SettingsTab({ monitor }: { monitor: Monitor }) {
  const { state: running, setMonitoring, setFilter, exportJson } = usePerformanceMonitor(selectRunning, { monitor })
  const { state: filters } = usePerformanceMonitor(selectFilters, { monitor })
  const { state: includeInternal, setIncludeInternal } = usePerformanceMonitor(selectIncludeInternal, { monitor })

  const download = () => {
    const url = URL.createObjectURL(new Blob([exportJson()], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `perfscope-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
    a.click()
    URL.revokeObjectURL(url)
  }

  return (
    <>
      <section className="ps-section" aria-label="Monitoring">
        <h3>Monitoring</h3>
        <label className="ps-check">
          <input type="checkbox" checked={running} onChange={(e) => setMonitoring(e.target.checked)} />
          Monitoring
        </label>
        <p className="ps-muted" style={{ margin: '4px 0 0' }}>
          Off stops every source and restores everything perfscope installed; the data collected so far stays.
        </p>
      </section>
      <section className="ps-section" aria-label="Metrics">
        <h3>Metrics</h3>
        <p className="ps-muted" style={{ margin: '0 0 6px' }}>
          A metric that is off is not collected at all.
        </p>
        <div className="ps-checks">
          {METRIC_NAMES.map((name) => (
            <label key={name} className="ps-check">
              <input type="checkbox" checked={filters[name]} onChange={(e) => setFilter(name, e.target.checked)} />
              {name}
            </label>
          ))}
        </div>
      </section>
      <section className="ps-section" aria-label="Traffic">
        <h3>Traffic</h3>
        <label className="ps-check">
          <input type="checkbox" checked={includeInternal} onChange={(e) => setIncludeInternal(e.target.checked)} />
          Count load-test and perfscope requests
        </label>
        <p className="ps-muted" style={{ margin: '4px 0 0' }}>
          Off (the default) keeps the app's endpoint figures to the app's own calls; the load simulator's results count
          its requests either way. Applies to requests from now on.
        </p>
      </section>
      <BudgetSettings monitor={monitor} />
      <section className="ps-section" aria-label="Export">
        <h3>Export</h3>
        <button type="button" className="ps-button" onClick={download}>
          Export JSON
        </button>
      </section>
    </>
  )
}
