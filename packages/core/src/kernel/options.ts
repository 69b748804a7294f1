/** Thrown by `createMonitor` for an option of the wrong type or value; names the option and the rule. */
export class PerfscopeOptionError extends TypeError {
  override name = 'PerfscopeOptionError'
  constructor(
    readonly option: string,
    rule: string,
    received: unknown,
  ) {
    super(`perfscope: option "${option}" ${rule}, got ${describe(received)}`)
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
