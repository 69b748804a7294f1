import { useEffect, useState } from 'react'

type PanelModule = typeof import('../panel/panelChunk.ts')
type PageModule = typeof import('../panel/pageChunk.ts')

/** A lazily imported chunk: fetched once, later calls share it; a failed fetch is forgotten so the next use retries. */
interface Chunk<M> {
  load(): Promise<M>
  loaded: M | null
}

function lazyChunk<M>(importer: () => Promise<M>): Chunk<M> {
  let loading: Promise<M> | null = null
  const chunk: Chunk<M> = {
    loaded: null,
    load() {
      loading ??= importer().then(
        (module) => (chunk.loaded = module),
        (error: unknown) => {
          loading = null
          throw error
        },
      )
      return loading
    },
  }
  return chunk
}

// Two chunks, so the floating panel does not wait for the page's code (other tabs' snapshots, stored days) nor for
// what that code imports in turn.
const panelChunk = lazyChunk(() => import('../panel/panelChunk.ts'))
const pageChunk = lazyChunk(() => import('../panel/pageChunk.ts'))

/** Fetches the floating panel's chunk (tabs, tables, uPlot charts) once; later calls share it. */
export function loadPanel(): Promise<PanelModule> {
  return panelChunk.load()
}

/**
 * A chunk once `wanted` has asked for it, or why it could not load. Deliberately not `React.lazy` + `Suspense`:
 * React holds back content that resolves soon after a Suspense fallback was shown (its 300 ms fallback throttle),
 * which made opening the overlay take 300 ms longer than loading the chunk did.
 */
function useChunk<M>(chunk: Chunk<M>, wanted: boolean): { module: M | null; error: string | null } {
  const [module, setModule] = useState<M | null>(chunk.loaded)
  const [error, setError] = useState<string | null>(null)
  // Each time the panel is wanted again it gets a fresh try: the last failure is forgotten in the same render.
  const [wasWanted, setWasWanted] = useState(wanted)
  if (wanted !== wasWanted) {
    setWasWanted(wanted)
    if (wanted) setError(null)
  }
  useEffect(() => {
    if (!wanted || module) return
    let current = true
    chunk.load().then(
      (loaded) => current && setModule(() => loaded),
      (reason: unknown) => current && setError(reason instanceof Error ? reason.message : String(reason)),
    )
    return () => {
      current = false
    }
  }, [chunk, wanted, module])
  return { module, error }
}

/** The floating panel's module once `wanted`, or why it could not load. */
export function usePanelModule(wanted: boolean): { panel: PanelModule | null; error: string | null } {
  const { module, error } = useChunk(panelChunk, wanted)
  return { panel: module, error }
}

/** The `/dev/performance` page's module once `wanted`, or why it could not load. */
export function usePageModule(wanted: boolean): { page: PageModule | null; error: string | null } {
  const { module, error } = useChunk(pageChunk, wanted)
  return { page: module, error }
}
