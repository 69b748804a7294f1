import { useEffect, useState } from 'react'

type PanelModule = typeof import('../panel/panelChunk.ts')

let loaded: PanelModule | null = null
let loading: Promise<PanelModule> | null = null

/**
 * Fetches the panel's chunk (tabs, tables, uPlot charts) once; later calls share it. A failed fetch is forgotten,
 * so the next open tries again.
 */
export function loadPanel(): Promise<PanelModule> {
  loading ??= import('../panel/panelChunk.ts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

/**
 * The panel module once `wanted` has asked for it, or why it could not load. Deliberately not `React.lazy` +
 * `Suspense`: React holds back content that resolves soon after a Suspense fallback was shown (its 300 ms
 * fallback throttle), which made opening the overlay take 300 ms longer than loading the chunk did.
 */
export function usePanelModule(wanted: boolean): { panel: PanelModule | null; error: string | null } {
  const [panel, setPanel] = useState<PanelModule | null>(loaded)
  const [error, setError] = useState<string | null>(null)
  // Each time the panel is wanted again it gets a fresh try: the last failure is forgotten in the same render.
  const [wasWanted, setWasWanted] = useState(wanted)
  if (wanted !== wasWanted) {
    setWasWanted(wanted)
    if (wanted) setError(null)
  }
  useEffect(() => {
    if (!wanted || panel) return
    let current = true
    loadPanel().then(
      (module) => current && setPanel(module),
      (reason: unknown) => current && setError(reason instanceof Error ? reason.message : String(reason)),
    )
    return () => {
      current = false
    }
  }, [wanted, panel])
  return { panel, error }
}
