import { describe, expect, it } from 'vitest'
import { evaluateThreshold, parseThreshold, ThresholdSyntaxError } from '../expression.ts'

describe('parseThreshold()', () => {
  it.each([
    ['p(95)<2000', { kind: 'p', percentile: 95 }, '<', 2000],
    ['p(99.9) <= 300', { kind: 'p', percentile: 99.9 }, '<=', 300],
    ['avg<500', { kind: 'avg' }, '<', 500],
    ['rate<0.01', { kind: 'rate' }, '<', 0.01],
    ['count>100', { kind: 'count' }, '>', 100],
    ['max<1e4', { kind: 'max' }, '<', 10000],
  ])('reads %s', (source, aggregation, op, threshold) => {
    expect(parseThreshold(source)).toEqual({ source: source.trim(), aggregation, op, threshold })
  })

  it.each(['p95<2000', 'avg < fast', 'p(0)<1', 'p(101)<1', 'rate<2', '', 'median<3'])(
    'rejects %j with a message that names the expression',
    (source) => {
      expect(() => parseThreshold(source)).toThrow(ThresholdSyntaxError)
      expect(() => parseThreshold(source)).toThrow(`"${source}"`)
    },
  )
})

describe('evaluateThreshold()', () => {
  const values = { avg: 120, count: 10, rate: 0.02, p: (q: number) => q * 10 }

  it('passes when the aggregated value satisfies the comparison', () => {
    expect(evaluateThreshold(parseThreshold('p(95)<2000'), values)).toEqual({
      expression: 'p(95)<2000',
      status: 'pass',
      actual: 950,
    })
  })

  it('fails when it does not', () => {
    expect(evaluateThreshold(parseThreshold('rate<0.01'), values).status).toBe('fail')
  })

  it('says no-data instead of passing when nothing was measured', () => {
    expect(evaluateThreshold(parseThreshold('max<10'), values).status).toBe('no-data')
  })
})
