import { describe, expect, it } from 'vitest'
import { formatMoney } from '../panel/format.ts'

describe('formatMoney()', () => {
  it('uses the currency symbol for an ISO code, with cents only for small amounts', () => {
    expect(formatMoney(120.96, 'USD')).toBe('$121')
    expect(formatMoney(12.5, 'EUR')).toBe('€12.50')
    expect(formatMoney(1000, 'USD')).toBe('$1,000')
  })

  it('falls back to the number and the unit for a currency that is not an ISO code, and a dash for no value', () => {
    expect(formatMoney(120.96, 'credits')).toBe('121 credits')
    expect(formatMoney(null, 'USD')).toBe('—')
  })
})
