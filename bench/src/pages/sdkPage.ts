import { nativeFetch } from './captureNative.ts'
import { install } from 'bench:sdk'
import { exposeHarness } from './harness.ts'

// The page an SDK is measured on at run time: the SDK set up as an app would at startup, then the harness.
try {
  install(location.origin)
  exposeHarness(nativeFetch)
} catch (error) {
  window.benchFailed = `install() threw: ${error instanceof Error ? error.message : String(error)}`
}
