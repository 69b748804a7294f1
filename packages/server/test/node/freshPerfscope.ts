import { createPerfscope, type PerfscopeServerOptions } from '@perfscope/server'

let count = 0

/** An instance with a state of its own, for one test: a name no other test of the process uses. */
export function freshPerfscope(options: PerfscopeServerOptions = {}) {
  return createPerfscope({ name: `test-${++count}`, ...options })
}
