import { useCallback, useState } from 'react'
import type { LoadSimulator, PresetName } from '@perfscope/core'
import { DEFAULT_PARAMS, type Params } from './scenarioParams.ts'

/** What the Load tab keeps while the panel is closed and reopened (for as long as the page lives). */
export interface LoadTabMemory {
  preset: PresetName
  params: Params
  /** Endpoint keys the user unticked. */
  unticked: readonly string[]
  /** Paths or URLs typed in, replayed besides the ticked endpoints. */
  typed: readonly string[]
  /** The active run's id and the app's long-task totals when it started, for "since start" figures. */
  runStart: { runId: string; longTasks: number; longTaskMs: number } | null
}

const DEFAULT: LoadTabMemory = {
  preset: 'High user load',
  params: DEFAULT_PARAMS,
  unticked: [],
  typed: [],
  runStart: null,
}

/** One memory per simulator: every view of one monitor (a page showing other tabs included) shares it. */
const memories = new WeakMap<LoadSimulator, LoadTabMemory>()

/** The Load tab's state, kept beside the monitor's simulator rather than in the (unmounted on close) panel. */
export function useLoadTabMemory(load: LoadSimulator): [LoadTabMemory, (patch: Partial<LoadTabMemory>) => void] {
  const [memory, setMemory] = useState(() => memories.get(load) ?? DEFAULT)
  const update = useCallback(
    (patch: Partial<LoadTabMemory>) =>
      setMemory((current) => {
        const next = { ...current, ...patch }
        memories.set(load, next)
        return next
      }),
    [load],
  )
  return [memory, update]
}
