import type { MonitorContext } from './source.ts'

/** Records in `snapshot().support` whether the browser supports what a source observes. */
export function markSupport(context: MonitorContext, name: string, supported: boolean): void {
  context.publish({ support: { ...context.read().support, [name]: supported ? 'supported' : 'unsupported' } })
}
