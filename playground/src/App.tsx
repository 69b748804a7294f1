import { useEffect, useState } from 'react'
import { createMonitor, type Snapshot } from '@perfscope/core'

const monitor = createMonitor()

/** The playground: an app under observation. The overlay joins it with the React package. */
export function App() {
  const [snapshot, setSnapshot] = useState<Snapshot>(() => monitor.snapshot())
  useEffect(() => {
    monitor.start()
    const unsubscribe = monitor.subscribe(setSnapshot)
    return () => {
      unsubscribe()
      monitor.stop()
    }
  }, [])
  return (
    <main>
      <h1>perfscope playground</h1>
      <p>Monitoring: {snapshot.running ? 'on' : 'off'}</p>
      <pre>{JSON.stringify(snapshot.overhead, null, 2)}</pre>
    </main>
  )
}
