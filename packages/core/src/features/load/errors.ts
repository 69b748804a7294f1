/** A scenario, option or target refused before anything is sent; names the field and the rule it breaks. */
export class LoadScenarioError extends Error {
  override name = 'LoadScenarioError'
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`perfscope load: ${field} ${rule}`)
  }
}
