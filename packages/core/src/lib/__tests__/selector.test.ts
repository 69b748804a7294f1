import { describe, expect, it } from 'vitest'
import { selectorOf } from '../selector.ts'

describe('selectorOf()', () => {
  it('stops at an id and keeps at most two classes per element', () => {
    document.body.innerHTML = '<main id="app"><section class="a b c"><img class="hero"></section></main>'
    expect(selectorOf(document.querySelector('img'))).toBe('#app > section.a.b > img.hero')
  })

  it('gives null for a non-element', () => {
    expect(selectorOf(document.createTextNode('x'))).toBeNull()
    expect(selectorOf(null)).toBeNull()
  })
})
