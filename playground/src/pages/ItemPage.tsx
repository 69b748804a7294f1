import { useEffect, useState } from 'react'
import { Link } from '../router.tsx'

/** `/items/:id`: one item, fetched on arrival. */
export function ItemPage({ id }: { id: string }) {
  const [item, setItem] = useState<{ name: string; load: number; updatedAt: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    fetch(`/api/items/${encodeURIComponent(id)}`, { signal: controller.signal })
      .then(async (r) => (r.ok ? setItem(await r.json()) : setError(`HTTP ${r.status}`)))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(String(e))
      })
    return () => controller.abort()
  }, [id])
  return (
    <>
      <p>
        <Link to="/">← Dashboard</Link>
      </p>
      <h1>{item ? item.name : `Item ${id}`}</h1>
      {error ? <p className="error">{error}</p> : null}
      {item ? (
        <p>
          Load {item.load} % at {new Date(item.updatedAt).toLocaleTimeString()}
        </p>
      ) : null}
    </>
  )
}
