import { LoadScenarioError } from './errors.ts'

/** `value` when it is a finite number within [min, max]; else an error naming the field and the rule. */
export function checkNumber(field: string, value: unknown, min: number, max: number, unit = ''): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LoadScenarioError(field, `must be a number, got ${JSON.stringify(value)}`)
  }
  if (value < min || value > max)
    throw new LoadScenarioError(field, `must be from ${min} to ${max}${unit}, got ${value}`)
  return value
}
