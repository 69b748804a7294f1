import { describe, expect, it } from 'vitest'
import { LEARNED_PLACEHOLDER, MAX_LEARNED_DEPTH, MAX_LEARNED_PREFIXES, RouteLearner } from '../routeLearner.ts'

const names = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `person-${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
  )

describe('RouteLearner', () => {
  it('turns a position into a parameter once it has shown the threshold of distinct values', () => {
    const learner = new RouteLearner(5)
    const seen = names(6).map((name) => learner.apply(`/api/people/${name}/posts`))
    expect(seen.slice(0, 4)).toEqual(names(4).map((name) => `/api/people/${name}/posts`))
    expect(seen.slice(4)).toEqual([
      `/api/people/${LEARNED_PLACEHOLDER}/posts`,
      `/api/people/${LEARNED_PLACEHOLDER}/posts`,
    ])
    expect(learner.apply('/api/people/someone-new')).toBe(`/api/people/${LEARNED_PLACEHOLDER}`)
    expect(learner.generation).toBe(1)
  })

  it('keeps a position that shows a few values, and repeated values count once', () => {
    const learner = new RouteLearner(5)
    for (let i = 0; i < 100; i++) for (const resource of ['users', 'orders', 'items']) learner.apply(`/api/${resource}`)
    expect(learner.apply('/api/users')).toBe('/api/users')
  })

  it('learns per prefix and per origin, and never rewrites an app route template', () => {
    const learner = new RouteLearner(3, new Set(['/files/:name']))
    for (const name of names(3)) learner.apply(`https://cdn.test/files/${name}`)
    expect(learner.apply('https://cdn.test/files/x')).toBe(`https://cdn.test/files/${LEARNED_PLACEHOLDER}`)
    expect(learner.apply('https://other.test/files/x')).toBe('https://other.test/files/x')
    expect(learner.apply('/files/:name')).toBe('/files/:name')
  })

  it('stops tracking new prefixes past its bound', () => {
    const learner = new RouteLearner(2)
    for (let i = 0; i < MAX_LEARNED_PREFIXES; i++) learner.apply(`https://h${i}.test/x`)
    expect(['a', 'b', 'c'].map((v) => learner.apply(`https://late.test/q/${v}`))).toEqual(
      ['a', 'b', 'c'].map((v) => `https://late.test/q/${v}`),
    )
    expect(learner.generation).toBe(0)
  })

  it('learns nothing past its depth, so a path of thousands of segments costs no more than a short one', () => {
    const learner = new RouteLearner(2)
    const deep = (leaf: string) => `${'/a'.repeat(MAX_LEARNED_DEPTH)}/${leaf}${'/b'.repeat(5000)}`
    expect(learner.apply(deep('x'))).toBe(deep('x'))
    expect(learner.apply(deep('y'))).toBe(deep('y'))
    expect(learner.generation).toBe(0)
  })
})
