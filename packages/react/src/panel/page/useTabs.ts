import { useEffect, useState, useSyncExternalStore } from 'react'
import { watchTabs, type DayRecord, type Monitor, type SharedTab, type TabWatcher } from '@perfscope/core'

const NO_TABS: readonly SharedTab[] = []
const noSubscribe = () => () => {}

/** The app's other open tabs on this origin, live; closes the channel on unmount. */
export function useOtherTabs(): readonly SharedTab[] {
  const [watcher, setWatcher] = useState<TabWatcher | null>(null)
  useEffect(() => {
    const w = watchTabs()
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the watcher opens a BroadcastChannel: made here, closed on cleanup
    setWatcher(w)
    return () => w.close()
  }, [])
  return useSyncExternalStore(
    watcher?.subscribe ?? noSubscribe,
    () => watcher?.tabs() ?? NO_TABS,
    () => NO_TABS,
  )
}

/** After the last tab left, read history once more this much later: a closing tab saves as it goes away. */
const CLOSING_SAVE_MS = 1500

/** The newest stored day, read when the page opens and again whenever the last open tab goes away. */
export function useLatestDay(monitor: Monitor, noTabs: boolean): DayRecord | null {
  const [day, setDay] = useState<DayRecord | null>(null)
  useEffect(() => {
    if (!noTabs) return
    let current = true
    const read = () =>
      monitor.history.days().then(
        (days) => current && setDay(days.at(-1) ?? null),
        () => {
          // History unavailable: the page shows live tabs and its own data only.
        },
      )
    void read()
    const again = setTimeout(read, CLOSING_SAVE_MS)
    return () => {
      current = false
      clearTimeout(again)
    }
  }, [monitor, noTabs])
  return day
}
