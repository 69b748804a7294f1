import { useEffect, useState } from 'react'

/** Keep only the newest messages on screen. */
const KEEP = 8

/** `/live`: a WebSocket price feed and a Server-Sent Events stream. */
export function LivePage() {
  const [ticks, setTicks] = useState<string[]>([])
  const [events, setEvents] = useState<string[]>([])
  useEffect(() => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/feed`)
    ws.onmessage = (e) => setTicks((t) => [String(e.data), ...t].slice(0, KEEP))
    const source = new EventSource('/api/stream')
    source.addEventListener('tick', (e) =>
      setEvents((list) => [(e as MessageEvent).data as string, ...list].slice(0, KEEP)),
    )
    return () => {
      ws.close()
      source.close()
    }
  }, [])
  return (
    <>
      <h1>Live</h1>
      <div className="columns">
        <section>
          <h2>WebSocket feed</h2>
          <ul className="log" aria-label="WebSocket messages">
            {ticks.map((t, i) => (
              <li key={`${i}-${t}`}>{t}</li>
            ))}
          </ul>
        </section>
        <section>
          <h2>EventSource stream</h2>
          <ul className="log" aria-label="Stream events">
            {events.map((t, i) => (
              <li key={`${i}-${t}`}>{t}</li>
            ))}
          </ul>
        </section>
      </div>
    </>
  )
}
