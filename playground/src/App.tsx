import type { MonitorOptions } from '@perfscope/core'
import { PerfOverlay, PerfscopeProvider } from '@perfscope/react'
import { Link, usePath } from './router.tsx'
import { Dashboard } from './pages/Dashboard.tsx'
import { ItemPage } from './pages/ItemPage.tsx'
import { LivePage } from './pages/LivePage.tsx'

/**
 * A call quota and a cost model for the playground's API, so Overview shows quota use and a projected monthly
 * cost; the budgets themselves are the defaults (official Web Vitals thresholds, the API defaults).
 */
const OPTIONS: MonitorOptions = {
  budgets: {
    quotas: [{ match: 'GET /api/*', perMinute: 120 }],
    cost: { prices: [{ match: 'GET /api/*', per1000Calls: 0.4 }], monthlyBudget: 1000 },
  },
}

/**
 * The playground: a small app under observation, with the overlay floating on every page, mounted once in the
 * app's shell as most apps would. `/dev/performance` renders the page-mode overlay as its content; the floating
 * one stands aside there by itself.
 */
export function App() {
  const path = usePath()
  if (path === '/dev/performance') {
    return (
      <PerfscopeProvider options={OPTIONS}>
        <PerfOverlay mode="page" />
        <PerfOverlay />
      </PerfscopeProvider>
    )
  }
  const item = /^\/items\/([^/]+)$/.exec(path)
  return (
    <PerfscopeProvider options={OPTIONS}>
      <header className="nav">
        <strong>perfscope playground</strong>
        <nav>
          <Link to="/">Dashboard</Link>
          <Link to="/live">Live</Link>
          <a href="/dev/performance">/dev/performance</a>
        </nav>
      </header>
      <main>{item ? <ItemPage id={item[1]!} /> : path === '/live' ? <LivePage /> : <Dashboard />}</main>
      <PerfOverlay />
    </PerfscopeProvider>
  )
}
