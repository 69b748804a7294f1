import { expect } from 'vitest'
import { LoadScenarioError } from '../errors.ts'
import type { SafetyContext } from '../safety.ts'
import { DEFAULT_LOAD_LIMITS } from '../loadOptions.ts'
import { resolveScenario, type LoadScenario } from '../scenario.ts'

/** The `LoadScenarioError` a scenario is refused with (the test fails when it is accepted or fails otherwise). */
export function refusal(scenario: unknown, safety: SafetyContext): LoadScenarioError {
  try {
    resolveScenario(scenario as LoadScenario, DEFAULT_LOAD_LIMITS, safety)
  } catch (error) {
    expect(error).toBeInstanceOf(LoadScenarioError)
    return error as LoadScenarioError
  }
  throw new Error('expected a refusal')
}
