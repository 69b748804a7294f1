import { fakeFetch } from './fakeFetch.ts'
import { install } from 'bench:sdk'
import { exposeHarness } from './harness.ts'

// The wrapper-only page: the SDK set up over a fake fetch that resolves at once, then the harness.
try {
  install(location.origin)
  exposeHarness(fakeFetch)
} catch (error) {
  window.benchFailed = `install() threw: ${error instanceof Error ? error.message : String(error)}`
}
