/** Everything a load run needs beyond the façade, in one chunk fetched by the first `run()`, `toK6()` or `presets()`. */
export { allPresets } from './presets.ts'
export { k6Script, runScenario } from './runController.ts'
