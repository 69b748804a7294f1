import { useEffect, useMemo, useState } from 'react'
import {
  mergeTabs,
  sharedFromDay,
  type DayRecord,
  type Monitor,
  type SharedSnapshot,
  type SharedTab,
} from '@perfscope/core'
import { retainTimeline, type Timeline } from '../../timeline/timeline.ts'
import type { TabId } from '../../overlay/types.ts'
// Through the floating panel's chunk, so the panel's code lives in that one chunk and this one adds to it.
import { Panel } from '../panelChunk.ts'
import { createViewMonitor } from './viewMonitor.ts'
import { useLatestDay, useOtherTabs } from './useTabs.ts'

/** Props of {@link DevPage}: what the overlay gives a page-mode panel. */
export interface DevPageProps {
  monitor: Monitor
  timeline: Timeline
  root: ShadowRoot
  tab: TabId
  onTabChange(tab: TabId): void
}

/** What the page shows: chosen by the user, or `auto` (all open tabs, else the stored day, else this page). */
type Source = 'auto' | 'merged' | 'history' | 'self' | `tab:${string}`

/**
 * `/dev/performance` as a page of its own: the live data of the app's other open tabs (one of them, or all
 * merged), the newest stored day when none is open, or the page's own. Loads, settings and history are the page's
 * own monitor's, so the Load tab runs from here against what the chosen tabs have called.
 */
export function DevPage({ monitor, timeline, root, tab, onTabChange }: DevPageProps) {
  const tabs = useOtherTabs()
  const day = useLatestDay(monitor, tabs.length === 0)
  const [choice, setChoice] = useState<Source>('auto')
  const source = resolve(choice, tabs, day)
  const shared = useMemo(() => sharedOf(source, tabs, day), [source, tabs, day])
  const view = useView(monitor, source, shared, day)
  const viewTimeline = useViewTimeline(view, timeline)
  return (
    <Panel
      monitor={view ?? monitor}
      timeline={viewTimeline}
      root={root}
      mode="page"
      position="bottom-right"
      tab={tab}
      onTabChange={onTabChange}
      size={{ width: null, height: null }}
      onResize={() => {}}
      onClose={null}
      toolbar={<SourcePicker choice={choice} source={source} tabs={tabs} day={day} onChoose={setChoice} />}
    />
  )
}

function resolve(choice: Source, tabs: readonly SharedTab[], day: DayRecord | null): Exclude<Source, 'auto'> {
  if (choice.startsWith('tab:') && tabs.some((t) => `tab:${t.id}` === choice)) return choice as `tab:${string}`
  if (choice === 'merged' && tabs.length > 0) return 'merged'
  if (choice === 'history' && day) return 'history'
  if (choice === 'self') return 'self'
  return tabs.length > 0 ? 'merged' : day ? 'history' : 'self'
}

function sharedOf(
  source: Exclude<Source, 'auto'>,
  tabs: readonly SharedTab[],
  day: DayRecord | null,
): SharedSnapshot | null {
  if (source === 'merged') return mergeTabs(tabs)
  if (source === 'history') return day ? sharedFromDay(day) : null
  if (source === 'self') return null
  return tabs.find((t) => `tab:${t.id}` === source)?.snapshot ?? null
}

/**
 * A view monitor per source (its charts start afresh when the source changes), fed each new snapshot; null
 * while the page shows its own data.
 */
function useView(
  monitor: Monitor,
  source: string,
  shared: SharedSnapshot | null,
  day: DayRecord | null,
): Monitor | null {
  const showsOther = shared !== null
  const view = useMemo(
    () =>
      showsOther
        ? createViewMonitor(
            monitor,
            shared,
            source === 'history' && day ? { kind: 'stored', date: day.date } : { kind: 'tabs' },
          )
        : null,
    // A new view only when the source changes; new data for the same source goes through show().
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shared` is the first data only, see above
    [monitor, source, showsOther],
  )
  useEffect(() => view?.follow(), [view])
  useEffect(() => {
    if (view && shared) view.show(shared)
  }, [view, shared])
  return view?.monitor ?? null
}

function useViewTimeline(view: Monitor | null, own: Timeline): Timeline {
  const [held, setHeld] = useState<{ view: Monitor; timeline: Timeline } | null>(null)
  useEffect(() => {
    if (!view) return
    const { timeline, release } = retainTimeline(view)
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the timeline subscribes to the view, so it is taken here and released on cleanup
    setHeld({ view, timeline })
    return release
  }, [view])
  return view && held?.view === view ? held.timeline : own
}

function SourcePicker(props: {
  choice: Source
  source: Exclude<Source, 'auto'>
  tabs: readonly SharedTab[]
  day: DayRecord | null
  onChoose(source: Source): void
}) {
  const { tabs, day, source } = props
  const note =
    source === 'merged'
      ? `${tabs.length} open tab${tabs.length === 1 ? '' : 's'}, live`
      : source === 'history'
        ? `No other tab open: stored day ${day?.date ?? ''}`
        : source === 'self'
          ? tabs.length === 0 && !day
            ? 'No other tab open and nothing stored yet: open the app in another tab'
            : 'This page only'
          : `One tab, live`
  return (
    <label className="ps-source">
      <span className="ps-muted">Data from</span>
      <select
        className="ps-input"
        aria-label="Data from"
        value={source}
        onChange={(e) => props.onChoose(e.target.value as Source)}
      >
        {tabs.length > 0 ? <option value="merged">All open tabs ({tabs.length})</option> : null}
        {tabs.map((t) => (
          <option key={t.id} value={`tab:${t.id}`}>
            Tab: {t.title || 'untitled'} — {t.page}
          </option>
        ))}
        {day ? <option value="history">Stored history, {day.date}</option> : null}
        <option value="self">This page</option>
      </select>
      <span className="ps-muted" role="status">
        {note}
      </span>
    </label>
  )
}
