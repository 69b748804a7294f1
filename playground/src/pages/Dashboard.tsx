import { useCallback, useEffect, useRef, useState } from 'react'
import { PerfProfiler } from '@perfscope/react'
import { Link } from '../router.tsx'
import { usePolling } from '../usePolling.ts'
import { ProfileDialog } from './ProfileDialog.tsx'

interface Item {
  id: number
  name: string
  load: number
  updatedAt: string
}

/** The runaway demo polls every 50 ms for at most 10 s (200 requests), then stops by itself. */
export const RUNAWAY_INTERVAL_MS = 50
export const RUNAWAY_MAX_REQUESTS = 200

/** The home page: a polled list, a slow and a flaky endpoint, and a polling runaway to provoke. */
export function Dashboard() {
  const { data, error, delayMs } = usePolling<{ items: Item[] }>('/api/items')
  return (
    <>
      <h1>Dashboard</h1>
      <p className="lead">
        This list polls <code>/api/items</code> every 2–5 s and backs off while the tab is hidden (next poll in{' '}
        {Math.round(delayMs / 1000)} s).
      </p>
      {error ? <p className="error">Last poll failed: {error}</p> : null}
      <PerfProfiler id="ItemList">
        <ul className="items" aria-label="Items">
          {(data?.items ?? []).map((item) => (
            <li key={item.id}>
              <Link to={`/items/${item.id}`}>{item.name}</Link>
              <meter min={0} max={100} value={item.load} aria-label={`${item.name} load`} />
              <span>{item.load} %</span>
            </li>
          ))}
        </ul>
      </PerfProfiler>
      <section className="actions">
        <h2>Try it</h2>
        <CallButton label="Call the slow endpoint" url="/api/slow" />
        <CallButton label="Call the flaky endpoint" url="/api/flaky" />
        <RunawayButton />
        <DialogButton />
      </section>
    </>
  )
}

function DialogButton() {
  const [open, setOpen] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const close = useCallback((name: string | null) => {
    setOpen(false)
    if (name !== null) setSaved(name)
  }, [])
  return (
    <div className="action">
      <button type="button" onClick={() => setOpen(true)}>
        Edit profile
      </button>
      <output>{saved === null ? '' : `Saved: ${saved}`}</output>
      {open ? <ProfileDialog onClose={close} /> : null}
    </div>
  )
}

function CallButton({ label, url }: { label: string; url: string }) {
  const [result, setResult] = useState<string>('')
  const call = async () => {
    setResult('…')
    const t0 = performance.now()
    try {
      const response = await fetch(url)
      setResult(`${response.status} in ${Math.round(performance.now() - t0)} ms`)
    } catch (e) {
      setResult(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <div className="action">
      <button type="button" onClick={call}>
        {label}
      </button>
      <output>{result}</output>
    </div>
  )
}

function RunawayButton() {
  const [sent, setSent] = useState(0)
  const [running, setRunning] = useState(false)
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined)
  useEffect(() => () => clearInterval(timer.current), [])
  const start = () => {
    if (running) return
    setRunning(true)
    let count = 0
    timer.current = setInterval(() => {
      count++
      setSent(count)
      void fetch('/api/status').catch(() => {})
      if (count >= RUNAWAY_MAX_REQUESTS) {
        clearInterval(timer.current)
        setRunning(false)
      }
    }, RUNAWAY_INTERVAL_MS)
  }
  return (
    <div className="action">
      <button type="button" onClick={start} disabled={running}>
        Start polling runaway
      </button>
      <output>
        {running
          ? `polling /api/status every ${RUNAWAY_INTERVAL_MS} ms: ${sent} sent`
          : sent
            ? `stopped after ${sent} requests`
            : ''}
      </output>
    </div>
  )
}
