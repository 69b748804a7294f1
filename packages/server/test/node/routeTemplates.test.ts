import { describe, expect, it } from 'vitest'
import { freshPerfscope } from './freshPerfscope.ts'

const routesOf = (perfscope: ReturnType<typeof freshPerfscope>) =>
  Object.keys(perfscope.server.store.summaries().at(-1)?.server.routes ?? {})

describe('route names from the framework', () => {
  it('keys a wrapped handler by the route it was given', async () => {
    const perfscope = freshPerfscope()
    const handler = perfscope.wrap(async () => new Response('ok'), { route: '/api/users/[id]' })
    await handler(new Request('http://localhost/api/users/jane.doe@example.com'))
    expect(routesOf(perfscope)).toEqual(['GET /api/users/[id]'])
  })

  it('asks a route function, with the response, and falls back to the normalised path when it says null or throws', async () => {
    const perfscope = freshPerfscope()
    const seen: Array<number | null> = []
    const named = perfscope.wrap(async () => new Response('ok', { status: 201 }), {
      route: (_request, response) => {
        seen.push(response?.status ?? null)
        return '/orders/:orderId'
      },
    })
    const unnamed = perfscope.wrap(async () => new Response('ok'), { route: () => null })
    const broken = perfscope.wrap(async () => new Response('ok'), {
      route: () => {
        throw new Error('router state gone')
      },
    })
    await named(new Request('http://localhost/orders/8f14e45fceea167a5a36dedd4bea2543', { method: 'POST' }))
    await unnamed(new Request('http://localhost/files/42'))
    await broken(new Request('http://localhost/files/43'))
    expect(seen).toEqual([201])
    expect(routesOf(perfscope).sort()).toEqual(['GET /files/:id', 'POST /orders/:orderId'])
  })

  it('refuses a route option of the wrong type with a clear error', () => {
    const perfscope = freshPerfscope()
    expect(() => perfscope.wrap(async () => new Response('ok'), { route: 42 as unknown as string })).toThrow(
      /takes a string or a function; got number/,
    )
  })
})
