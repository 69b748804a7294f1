/**
 * `import '@perfscope/react/start'` as the first import of the app's entry module starts the shared default
 * monitor (`getDefaultMonitor()`, the one `<PerfOverlay/>`, the hooks and an option-less `PerfscopeProvider` use)
 * before any other module runs: requests made at module scope are then intercepted, not only recovered from the
 * browser's resource-timing buffer. It runs for the page's whole life. Like `PerfOverlay`, it does nothing in a
 * production build, and nothing on the server.
 */
import { getDefaultMonitor } from './monitorContext.ts'

if (process.env.NODE_ENV !== 'production') getDefaultMonitor().start()
