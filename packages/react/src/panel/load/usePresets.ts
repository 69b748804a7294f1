import { useEffect, useState } from 'react'
import type { LoadSimulator, Snapshot } from '@perfscope/core'

type Presets = Awaited<ReturnType<LoadSimulator['presets']>>

/** The last presets of each simulator: a Load tab opened again shows them at once, not after a loading frame. */
const lastBuilt = new WeakMap<LoadSimulator, Presets>()

/**
 * The simulator's presets, null until the load engine's chunk that builds them has arrived (or `error` says why it
 * could not); built again when the endpoints they replay change.
 */
export function usePresets(
  load: LoadSimulator,
  endpoints: Snapshot['endpoints'],
): { presets: Presets | null; error: string | null } {
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
  }, [load, endpoints])
  return { presets, error }
}
