import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { Monitor } from '@perfscope/core'
import type { Timeline } from '../timeline/timeline.ts'
import { adoptStyles } from '../overlay/shadowHost.ts'
import { POSITIONS, TAB_IDS, type OverlayPosition, type TabId } from '../overlay/types.ts'
import { FirstChartContext } from './firstChart.ts'
import { FIRST_CHART_MARK } from './marks.ts'
import { PANEL_CSS } from './styles.ts'
import { OverviewTab } from './tabs/OverviewTab.tsx'
import { NetworkTab } from './tabs/NetworkTab.tsx'
import { VitalsTab } from './tabs/VitalsTab.tsx'
import { MemoryTab } from './tabs/MemoryTab.tsx'
import { SettingsTab } from './tabs/SettingsTab.tsx'
import { LoadTab } from './load/LoadTab.tsx'
import { HistoryTab } from './history/HistoryTab.tsx'
import { MonitoringStatus } from './MonitoringStatus.tsx'
import { ResizeHandle } from './ResizeHandle.tsx'

/** The floating panel's size until the user resizes it, px. */
const DEFAULT_SIZE = { width: 760, height: 520 } as const

const LABELS: Record<TabId, string> = {
  overview: 'Overview',
  network: 'Network',
  vitals: 'Vitals',
  memory: 'Memory',
  load: 'Load',
  history: 'History',
  settings: 'Settings',
}

/** What the overlay gives the lazily loaded panel. */
export interface PanelProps {
  monitor: Monitor
  timeline: Timeline
  root: ShadowRoot
  mode: 'floating' | 'page'
  position: OverlayPosition
  tab: TabId
  onTabChange(tab: TabId): void
  size: { width: number | null; height: number | null }
  onResize(width: number, height: number): void
  /** Null in page mode (the page has no close button). */
  onClose: (() => void) | null
  /** Moves the toggle and the panel to another corner (floating mode). */
  onPositionChange?: (position: OverlayPosition) => void
  /** Focus the selected tab once mounted (the panel was opened from the keyboard); `onFocused` says it was done. */
  focusOnOpen?: boolean
  onFocused?: () => void
  /** Extra controls in the header (the page's choice of data source). */
  toolbar?: ReactNode
}

const CORNER_LABELS: Record<OverlayPosition, string> = {
  'bottom-right': 'Bottom right',
  'bottom-left': 'Bottom left',
  'top-right': 'Top right',
  'top-left': 'Top left',
}

/** The overlay's panel: a header, the tab list and the selected tab. Loaded on first open. */
export function Panel(props: PanelProps) {
  const {
    monitor,
    timeline,
    root,
    mode,
    position,
    tab,
    onTabChange,
    size,
    onResize,
    onClose,
    onPositionChange,
    focusOnOpen,
    onFocused,
  } = props
  adoptStyles(root, PANEL_CSS)
  const panel = useRef<HTMLElement>(null)
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>())

  const firstChartMarked = useRef(false)
  const onFirstChart = useCallback(() => {
    if (firstChartMarked.current) return
    firstChartMarked.current = true
    performance.mark(FIRST_CHART_MARK)
  }, [])

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TAB_IDS.indexOf(tab)
    let next: number | null = null
    if (event.key === 'ArrowRight') next = (index + 1) % TAB_IDS.length
    else if (event.key === 'ArrowLeft') next = (index - 1 + TAB_IDS.length) % TAB_IDS.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = TAB_IDS.length - 1
    if (next === null) return
    event.preventDefault()
    const id = TAB_IDS[next]!
    onTabChange(id)
    tabRefs.current.get(id)?.focus()
  }

  useEffect(() => {
    if (!focusOnOpen) return
    tabRefs.current.get(tab)?.focus()
    onFocused?.()
  }, [focusOnOpen, onFocused, tab])

  // While dragging the grip the size lives here; it is remembered (onResize) once, on release.
  const [dragSize, setDragSize] = useState<{ width: number; height: number } | null>(null)
  const style = useMemo(
    () =>
      mode === 'floating'
        ? {
            width: dragSize?.width ?? size.width ?? DEFAULT_SIZE.width,
            height: dragSize?.height ?? size.height ?? DEFAULT_SIZE.height,
          }
        : undefined,
    [mode, size.width, size.height, dragSize],
  )

  return (
    <FirstChartContext.Provider value={onFirstChart}>
      <section
        ref={panel}
        className={`ps-panel ${mode === 'page' ? 'ps-panel--page' : `ps-panel--${position}`}`}
        style={style}
        aria-label="perfscope performance panel"
      >
        {mode === 'floating' ? (
          <ResizeHandle
            position={position}
            panel={() => panel.current}
            onSize={(width, height) => setDragSize({ width, height })}
            onDone={(width, height) => {
              setDragSize(null)
              onResize(width, height)
            }}
          />
        ) : null}
        <header className="ps-header">
          <h2 className="ps-title">perfscope</h2>
          <MonitoringStatus monitor={monitor} />
          {props.toolbar}
          <span className="ps-spacer" />
          {mode === 'floating' && onPositionChange ? (
            <label className="ps-corner">
              <span className="ps-muted">Dock</span>
              <select
                className="ps-input"
                aria-label="Overlay position"
                value={position}
                onChange={(e) => onPositionChange(e.target.value as OverlayPosition)}
              >
                {POSITIONS.map((p) => (
                  <option key={p} value={p}>
                    {CORNER_LABELS[p]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {onClose ? (
            <button type="button" className="ps-icon-button" aria-label="Close performance panel" onClick={onClose}>
              ×
            </button>
          ) : null}
        </header>
        <div className="ps-tablist" role="tablist" aria-label="Performance views" onKeyDown={onTabKey}>
          {TAB_IDS.map((id) => (
            <button
              key={id}
              ref={(el) => {
                if (el) tabRefs.current.set(id, el)
                else tabRefs.current.delete(id)
              }}
              type="button"
              role="tab"
              id={`ps-tab-${id}`}
              className="ps-tab"
              aria-selected={tab === id}
              aria-controls={`ps-tabpanel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => onTabChange(id)}
            >
              {LABELS[id]}
            </button>
          ))}
        </div>
        <div
          className="ps-body"
          role="tabpanel"
          id={`ps-tabpanel-${tab}`}
          aria-labelledby={`ps-tab-${tab}`}
          tabIndex={0}
        >
          <TabContent tab={tab} monitor={monitor} timeline={timeline} />
        </div>
      </section>
    </FirstChartContext.Provider>
  )
}

function TabContent({ tab, monitor, timeline }: { tab: TabId; monitor: Monitor; timeline: Timeline }) {
  switch (tab) {
    case 'overview':
      return <OverviewTab monitor={monitor} timeline={timeline} />
    case 'network':
      return <NetworkTab monitor={monitor} timeline={timeline} />
    case 'vitals':
      return <VitalsTab monitor={monitor} timeline={timeline} />
    case 'memory':
      return <MemoryTab monitor={monitor} timeline={timeline} />
    case 'load':
      return <LoadTab monitor={monitor} />
    case 'history':
      return <HistoryTab monitor={monitor} />
    case 'settings':
      return <SettingsTab monitor={monitor} />
  }
}
