import { describe, expect, it } from 'vitest'
import { refusal } from './refusal.ts'
import { findings } from '../findings.ts'
import { toK6Script } from '../k6Export.ts'
import { RELEASE_SETTLE_MS } from '../memoryPressure.ts'
import { PRESET_NAMES, presetScenario } from '../presets.ts'
import type { SafetyContext } from '../safety.ts'
import { DEFAULT_LOAD_LIMITS } from '../loadOptions.ts'
import { resolveScenario } from '../scenario.ts'

const safety: SafetyContext = {
  pageUrl: 'http://localhost:5173/app',
  allowOrigins: new Set(),
  allowNonDevelopmentHost: false,
}
const MIB = 2 ** 20

const refused = (scenario: unknown) => refusal(scenario, safety)

describe('resolveScenario() with memory pressure', () => {
  it('resolves steps or a target into a schedule and lasts as long as it when it sends nothing', () => {
    const s = resolveScenario(
      { memory: { stepBytes: 10 * MIB, targetBytes: 25 * MIB, stepMs: 100, holdMs: 200 } },
      DEFAULT_LOAD_LIMITS,
      safety,
    )
    expect(s.memory).toEqual({
      stepBytes: 10 * MIB,
      steps: 3,
      totalBytes: 25 * MIB,
      stepMs: 100,
      holdMs: 200,
      scheduleMs: 300 + 200 + RELEASE_SETTLE_MS,
    })
    expect(s.executor).toBe('none')
    expect(s.durationMs).toBe(1500)
    expect(s.requests).toEqual([])
  })

  it.each([
    [{ memory: { stepBytes: 'big', steps: 2 } }, 'memory.stepBytes', /must be a number, got "big"/],
    [{ memory: { stepBytes: 10, steps: 2 } }, 'memory.stepBytes', /from 1024 to 268435456 bytes/],
    [{ memory: { stepBytes: MIB } }, 'memory', /either steps or targetBytes/],
    [{ memory: { stepBytes: MIB, steps: 2, targetBytes: 2 * MIB } }, 'memory', /either steps or targetBytes/],
    [{ memory: { stepBytes: MIB, steps: 2.5 } }, 'memory.steps', /whole number/],
    [{ memory: { stepBytes: MIB, steps: 0 } }, 'memory.steps', /from 1 to 1000/],
    [
      { memory: { stepBytes: 64 * MIB, steps: 5 } },
      'memory.steps',
      /would hold 320 MiB \(5 × 64 MiB\), over the 256 MiB cap/,
    ],
    [{ memory: { stepBytes: MIB, targetBytes: 512 * MIB } }, 'memory.targetBytes', /from 1048576 to 268435456 bytes/],
    [{ memory: { stepBytes: MIB, steps: 2, stepMs: 1 } }, 'memory.stepMs', /from 10 to 60000 ms/],
    [{ memory: { stepBytes: MIB, steps: 2, holdMs: -1 } }, 'memory.holdMs', /from 0 to 300000 ms/],
    [
      { memory: { stepBytes: MIB, steps: 2 }, durationMs: 1000 },
      'memory',
      /lasts 8000 ms .* longer than the run's 1000 ms/,
    ],
    [{ memory: null }, 'memory', /must be an object/],
  ])('refuses a bad memory part before anything happens, naming the field (%#)', (scenario, field, rule) => {
    const error = refused(scenario)
    expect(error.field).toBe(field)
    expect(error.message).toMatch(rule)
  })

  it('refuses over a cap the app lowered, and checks the memory part before anything else', () => {
    const limits = { ...DEFAULT_LOAD_LIMITS, maxMemoryBytes: 32 * MIB }
    expect(() => resolveScenario({ memory: { stepBytes: 16 * MIB, steps: 3 } }, limits, safety)).toThrow(
      /over the 32 MiB cap/,
    )
    // Even with an unknown executor and a forbidden target, the memory over the cap is what is named.
    const error = refused({
      executor: 'hammer',
      requests: [{ url: 'https://example.com/' }],
      memory: { stepBytes: 200 * MIB, steps: 2 },
    })
    expect(error.field).toBe('memory.steps')
  })
})

describe('resolveScenario() with a slow network', () => {
  it('is valid without requests, lasts durationMs and defaults jitter and failures to 0', () => {
    const s = resolveScenario({ durationMs: 5000, fault: { latencyMs: 300 } }, DEFAULT_LOAD_LIMITS, safety)
    expect(s.fault).toEqual({ latencyMs: 300, jitterMs: 0, failureRate: 0, random: Math.random })
    expect(s).toMatchObject({ executor: 'none', durationMs: 5000, requests: [] })
  })

  it.each([
    [{ durationMs: 1000, fault: { latencyMs: -5 } }, 'fault.latencyMs', /from 0 to 60000 ms, got -5/],
    [{ durationMs: 1000, fault: { latencyMs: Number.NaN } }, 'fault.latencyMs', /must be a number/],
    [{ durationMs: 1000, fault: { latencyMs: 10, jitterMs: 1e9 } }, 'fault.jitterMs', /from 0 to 60000 ms/],
    [{ durationMs: 1000, fault: { latencyMs: 10, failureRate: 1.5 } }, 'fault.failureRate', /from 0 to 1, got 1.5/],
    [{ durationMs: 1000, fault: { latencyMs: 10, random: 4 } }, 'fault.random', /must be a function/],
    [{ fault: { latencyMs: 10 } }, 'durationMs', /must be a number, got undefined/],
    [{ durationMs: 10 * 60_000, fault: { latencyMs: 10 } }, 'durationMs', /from 1 to 300000 ms/],
    [{ executor: 'constant-users', durationMs: 1000, fault: { latencyMs: 10 } }, 'executor', /sends none/],
  ])('refuses a bad fault part, naming the field (%#)', (scenario, field, rule) => {
    const error = refused(scenario)
    expect(error.field).toBe(field)
    expect(error.message).toMatch(rule)
  })

  it('still asks for requests when a scenario has neither traffic, memory nor fault', () => {
    expect(refused({ executor: 'constant-users', users: 1, durationMs: 1000 }).field).toBe('requests')
  })
})

describe('the Memory pressure and Slow network presets', () => {
  it('are listed and resolve within the default caps', () => {
    expect(PRESET_NAMES).toContain('Memory pressure')
    expect(PRESET_NAMES).toContain('Slow network')
    const memory = resolveScenario(presetScenario('Memory pressure', []), DEFAULT_LOAD_LIMITS, safety)
    expect(memory.memory).toMatchObject({ steps: 8, totalBytes: 128 * MIB })
    const slow = resolveScenario(presetScenario('Slow network', []), DEFAULT_LOAD_LIMITS, safety)
    expect(slow.fault).toMatchObject({ latencyMs: 1500, jitterMs: 500, failureRate: 0.1 })
  })

  it('cannot be exported to k6 alone; with requests the script says what k6 cannot do', () => {
    const alone = resolveScenario(presetScenario('Slow network', []), DEFAULT_LOAD_LIMITS, safety)
    expect(() => toK6Script(alone, 'http://localhost:5173')).toThrow(
      /sends no requests of its own: k6 runs outside the browser/,
    )
    const mixed = resolveScenario(
      {
        executor: 'constant-users',
        users: 2,
        durationMs: 10_000,
        requests: [{ url: '/api/items' }],
        fault: { latencyMs: 100 },
      },
      DEFAULT_LOAD_LIMITS,
      safety,
    )
    expect(toK6Script(mixed, 'http://localhost:5173')).toMatch(/also slowed the app's own requests; k6 cannot do that/)
  })
})

describe('findings() for memory pressure and a slow network', () => {
  const base = { timeline: [], endpoints: [], firstErrors: [], heapBefore: null, heapAfter: null }
  it('says when memory did not come back after the release', () => {
    const memory = {
      peakHeldBytes: 64 * MIB,
      stepsDone: 4,
      heapBefore: 10 * MIB,
      heapPeak: 80 * MIB,
      heapAfter: 40 * MIB,
      heldAfterBytes: 0,
    }
    expect(findings({ ...base, memory })).toEqual([
      'Memory pressure held up to 64 MiB in 4 steps; the JS heap went from 10 MiB to a peak of 80 MiB and ended at 40 MiB: memory that did not come back after the release (the garbage collector may not have run yet; a heap that keeps climbing over runs is a leak).',
    ])
    expect(findings({ ...base, memory: { ...memory, heapAfter: 11 * MIB } })[0]).toMatch(
      /memory came back after the release/,
    )
  })
  it('counts the app requests a slow network delayed and failed', () => {
    const fault = { latencyMs: 500, jitterMs: 100, failureRate: 0.25, delayed: 40, failed: 9 }
    expect(findings({ ...base, fault })[0]).toMatch(
      /delayed 40 of the app's requests by 500 ± 100 ms and failed 9 \(25 % asked\)/,
    )
  })
})
