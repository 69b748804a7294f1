import { createMonitor, type Monitor } from '@perfscope/core'

/** perfscope as an app loads it eagerly: one monitor with every default source, started. */
export function install(_origin: string): Monitor {
  const monitor = createMonitor()
  monitor.start()
  return monitor
}
