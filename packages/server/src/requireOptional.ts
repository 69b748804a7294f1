/**
 * Loads an optional peer dependency (`prom-client`, the OpenTelemetry SDK) with Node's `require`, or returns null
 * when it is not installed or the runtime is not Node. `node:module` is reached at call time through
 * `process.getBuiltinModule`, so importing this file pulls no Node built-in into a Fetch-API (edge) bundle.
 */
export function requireOptional<T>(id: string): T | null {
  const nodeModule = globalThis.process?.getBuiltinModule?.('node:module')
  if (!nodeModule) return null
  try {
    return nodeModule.createRequire(import.meta.url)(id) as T
  } catch {
    return null
  }
}
