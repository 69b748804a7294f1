import { describe, expect, it } from 'vitest'
import { isPerfscopeWrapper, unwrap, wrapProperty } from '../wrapGlobal.ts'

function passThrough<F extends (...args: never[]) => unknown>(calls: string[]) {
  return (original: F, active: () => boolean) =>
    function (this: unknown, ...args: Parameters<F>) {
      if (active()) calls.push('wrapped')
      return original.apply(this, args)
    } as unknown as F
}

describe('wrapProperty()', () => {
  it('wraps, keeps name and length, and restores the exact original', () => {
    const calls: string[] = []
    function fetchLike(this: unknown, input: string) {
      return `${input}:${this === target}`
    }
    const target = { fetch: fetchLike }
    const wrapped = wrapProperty(target, 'fetch', passThrough<typeof fetchLike>(calls))
    expect(wrapped.installed).toBe(true)
    expect(target.fetch).not.toBe(fetchLike)
    expect(target.fetch.name).toBe('fetchLike')
    expect(target.fetch.length).toBe(1)
    expect(target.fetch('a')).toBe('a:true')
    expect(calls).toEqual(['wrapped'])
    expect(unwrap(target.fetch)).toBe(fetchLike)
    wrapped.restore()
    expect(target.fetch).toBe(fetchLike)
  })

  it('wraps once when installed twice (compatibility case 11)', () => {
    const target = { f: () => 1 }
    const first = wrapProperty(target, 'f', (o) => () => o() + 1)
    const second = wrapProperty(target, 'f', (o) => () => o() + 1)
    expect(first.installed).toBe(true)
    expect(second.installed).toBe(false)
    expect(target.f()).toBe(2)
  })

  it('leaves a wrapper installed after ours in place and turns ours into a pass-through (compatibility case 18)', () => {
    const calls: string[] = []
    const original = () => 'x'
    const target = { f: original }
    const ours = wrapProperty(target, 'f', passThrough<typeof original>(calls))
    const ourWrapper = target.f
    const theirs = () => `theirs(${ourWrapper()})`
    target.f = theirs
    ours.restore()
    expect(target.f).toBe(theirs)
    expect(target.f()).toBe('theirs(x)')
    expect(calls).toEqual([])
    expect(isPerfscopeWrapper(ourWrapper)).toBe(true)
  })

  it('reports a frozen property as not installed instead of throwing (compatibility case 10)', () => {
    const target = Object.freeze({ f: () => 1 })
    expect(wrapProperty(target, 'f', (o) => o).installed).toBe(false)
  })

  it('shadows an inherited method and removes the shadow on restore', () => {
    class Base {
      open() {
        return 'base'
      }
    }
    const proto = Base.prototype
    const instance = new Base()
    const child = Object.create(instance) as Base
    const wrapped = wrapProperty(
      child,
      'open',
      (o) =>
        function (this: Base) {
          return `w(${o.call(this)})`
        },
    )
    expect(child.open()).toBe('w(base)')
    wrapped.restore()
    expect(Object.prototype.hasOwnProperty.call(child, 'open')).toBe(false)
    expect(child.open).toBe(proto.open)
  })
})
