import { useEffect, useState } from 'react'
import type { LoadSimulator } from '@perfscope/core'

type Presets = Awaited<ReturnType<LoadSimulator['presets']>>

/** The last presets of each simulator: a Load tab opened again shows them at once, not after a loading frame. */
const lastBuilt = new WeakMap<LoadSimulator, Presets>()

/**
 * The simulator's presets, null until the load engine's chunk that builds them has arrived (or `error` says why it
 * could not). Built once per simulator: the tab takes only their shape (executor, stages, think time) and replays
 * the endpoints it lists itself, so a new endpoints snapshot (every publish) needs no rebuild and no extra render.
 */
export function usePresets(load: LoadSimulator): { presets: Presets | null; error: string | null } {
  const [presets, setPresets] = useState(() => lastBuilt.get(load) ?? null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    load.presets().then(
      (built) => {
        lastBuilt.set(load, built)
        if (live) setPresets(built)
      },
      (failure: unknown) => {
        if (live)
          setError(`The load simulator could not load: ${failure instanceof Error ? failure.message : String(failure)}`)
      },
    )
    return () => {
      live = false
    }
  }, [load])
  return { presets, error }
}
