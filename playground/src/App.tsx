import { PerfOverlay, PerfscopeProvider } from '@perfscope/react'
import { Link, usePath } from './router.tsx'
import { Dashboard } from './pages/Dashboard.tsx'
import { ItemPage } from './pages/ItemPage.tsx'
import { LivePage } from './pages/LivePage.tsx'

/** The playground: a small app under observation, with the overlay floating on every page. */
export function App() {
  const path = usePath()
  if (path === '/dev/performance') {
    return (
      <PerfscopeProvider>
        <PerfOverlay mode="page" />
      </PerfscopeProvider>
    )
  }
  const item = /^\/items\/([^/]+)$/.exec(path)
  return (
    <PerfscopeProvider>
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
