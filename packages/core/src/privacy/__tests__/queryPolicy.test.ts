import { describe, expect, it } from 'vitest'
import { DROP_ALL_VALUES, queryPolicy } from '../queryPolicy.ts'

describe('queryPolicy()', () => {
  it('keeps no value without an allow-list', () => {
    expect(queryPolicy()).toBe(DROP_ALL_VALUES)
    expect(DROP_ALL_VALUES.keepsValue('page')).toBe(false)
  })

  it('keeps listed names case-insensitively and names matching a pattern', () => {
    const policy = queryPolicy(['Page', /^utm_/])
    expect(['page', 'PAGE', 'utm_source', 'sort'].map((n) => policy.keepsValue(n))).toEqual([true, true, true, false])
  })

  it('never keeps a secret-looking name, even when a pattern lists it', () => {
    const policy = queryPolicy([/.*/], ['tenant'])
    const secret = [
      'access_token',
      'apiKey',
      'X-Amz-Signature',
      'sig',
      'password',
      'pwd',
      'otp',
      'pin',
      'state',
      'nonce',
      'ticket',
      'email',
      'code',
      'tenant_id',
    ]
    expect(secret.filter((n) => policy.keepsValue(n))).toEqual([])
    expect(['page', 'design', 'shipping', 'statement', 'sort'].every((n) => policy.keepsValue(n))).toBe(true)
  })
})
