/** Everything a load run needs beyond the façade, in one chunk fetched by the first `run()` or `toK6()`. */
export { toK6Script } from './k6Export.ts'
export { LoadRun } from './runner.ts'
export { checkHost } from './safety.ts'
export { resolveScenario } from './scenario.ts'
