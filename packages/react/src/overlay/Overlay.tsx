'use client'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from 'react'
import { createPortal } from 'react-dom'
import { useMonitor, retainMonitor } from '../monitorContext.ts'
import { retainTimeline, type Timeline } from '../timeline/timeline.ts'
import { BASE_CSS } from './baseStyles.ts'
import { createShadowHost } from './shadowHost.ts'
import { matchesHotkey, parseHotkey } from './hotkey.ts'
import { hasMemory, readMemory, writeMemory, type OverlayMemory } from './persist.ts'
import { PANEL_OPEN_MARK } from '../panel/marks.ts'
import { TAB_IDS, type PerfOverlayProps, type TabId } from './types.ts'
import { usePerformanceMonitor } from '../usePerformanceMonitor.ts'
import { loadPanel, usePageModule, usePanelModule } from './panelModule.ts'
import { isolateHost } from './isolateHost.ts'
import { raiseToTopLayer } from './topLayer.ts'
import { useOverlayRole } from './overlayRegistry.ts'
import { shareSnapshots, type Snapshot } from '@perfscope/core'

const selectLoadActive = (s: Snapshot) => s.load?.active != null

const isTab = (v: unknown): v is TabId => (TAB_IDS as readonly unknown[]).includes(v)

/**
 * The overlay itself, in development and production alike (the package entries decide whether it is used).
 * Renders nothing on the server and on the first client render, so hydration always matches.
 */
export function Overlay({
  mode = 'floating',
  position = 'bottom-right',
  defaultTab = 'overview',
  hotkey = 'Alt+Shift+P',
  initialOpen = false,
  theme = 'system',
  storageKey = 'perfscope:overlay',
  monitor: explicit,
}: PerfOverlayProps) {
  const monitor = useMonitor(explicit)
  // One panel per document: a floating overlay stands aside while a page-mode one is mounted.
  const { standAside, ownsHotkey } = useOverlayRole(mode)
  const { state: loadActive } = usePerformanceMonitor(selectLoadActive, { monitor })
  const hostParent = useRef<HTMLDivElement>(null)
  const [root, setRoot] = useState<ShadowRoot | null>(null)
  const [timeline, setTimeline] = useState<Timeline | null>(null)
  const [memory, setMemory] = useState<OverlayMemory | null>(null)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const focusWasInPanel = useRef(false)
  /** Where focus was when the hotkey opened the panel (an app's dialog, say): it goes back there on close. */
  const returnFocus = useRef<HTMLElement | null>(null)
  const [focusPanel, setFocusPanel] = useState(false)
  const noteFocus = useCallback(() => {
    const active = root?.activeElement
    focusWasInPanel.current = active != null && active !== toggleRef.current
  }, [root])

  useEffect(() => retainMonitor(monitor), [monitor])
  useEffect(() => {
    const { timeline: t, release } = retainTimeline(monitor)
    // eslint-disable-next-line react-hooks/set-state-in-effect -- it subscribes to the monitor: held while mounted
    setTimeline(t)
    return release
  }, [monitor])

  // Tabs share their live data with a /dev/performance page in another tab; nothing is sent unless one listens.
  useEffect(
    () => (mode === 'floating' && !standAside ? shareSnapshots(monitor) : undefined),
    [mode, standAside, monitor],
  )

  useEffect(() => {
    if (standAside) return
    const parent = mode === 'page' ? hostParent.current : document.body
    if (!parent) return
    const shadow = createShadowHost(parent, BASE_CSS, { 'data-perfscope-overlay': mode })
    const lower = mode === 'floating' ? raiseToTopLayer(shadow.host as HTMLElement) : () => {}
    setRoot(shadow)
    return () => {
      lower()
      shadow.host.remove()
      setRoot(null)
    }
  }, [mode, standAside])

  useEffect(() => {
    root?.host.setAttribute('data-theme', theme)
  }, [root, theme])

  useEffect(() => {
    const remembered = readMemory(storageKey)
    const fresh = !hasMemory(storageKey)
    const next = { ...remembered, open: fresh ? initialOpen : remembered.open }
    // A panel that opens by itself (remembered open, initialOpen, page mode) is timed like a clicked one.
    if (next.open || mode === 'page') performance.mark(PANEL_OPEN_MARK)
    // eslint-disable-next-line react-hooks/set-state-in-effect -- read after mount: hydration matches the server
    setMemory(next)
  }, [storageKey, initialOpen, mode])

  const update = useCallback(
    (patch: Partial<OverlayMemory>) => {
      setMemory((current) => {
        if (!current) return current
        const next = { ...current, ...patch }
        writeMemory(storageKey, next)
        return next
      })
    },
    [storageKey],
  )

  const open = mode === 'page' || memory?.open === true
  const setOpen = useCallback(
    (next: boolean) => {
      if (next) performance.mark(PANEL_OPEN_MARK)
      else noteFocus()
      update({ open: next })
    },
    [update, noteFocus],
  )

  useEffect(() => {
    if (!ownsHotkey || hotkey === false) return
    const parsed = parseHotkey(hotkey)
    if (!parsed) return
    const onKey = (event: KeyboardEvent) => {
      if (!matchesHotkey(event, parsed)) return
      event.preventDefault()
      noteFocus()
      setMemory((current) => {
        if (!current) return current
        if (!current.open) {
          performance.mark(PANEL_OPEN_MARK)
          // Opened from the keyboard: focus goes into the panel (a focus-trapping dialog would hold it otherwise).
          const active = document.activeElement
          returnFocus.current = active instanceof HTMLElement && active !== root?.host ? active : null
          setFocusPanel(true)
        }
        const next = { ...current, open: !current.open }
        writeMemory(storageKey, next)
        return next
      })
    }
    // Capture phase: an app that stops key events inside its dialog still lets the hotkey through.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [ownsHotkey, hotkey, storageKey, noteFocus, root])

  useEffect(() => {
    if (mode !== 'floating' || !root) return
    return isolateHost(root.host as HTMLElement, () => {
      noteFocus()
      update({ open: false })
    })
  }, [mode, root, noteFocus, update])

  useEffect(() => {
    if (!open) return
    return monitor.watch()
  }, [open, monitor])

  // Closing while focus was in the panel would drop focus on <body>: hand it back to where the hotkey took it
  // from, else to the toggle button.
  useEffect(() => {
    if (open || !focusWasInPanel.current) return
    focusWasInPanel.current = false
    const back = returnFocus.current
    returnFocus.current = null
    if (back?.isConnected) back.focus()
    else toggleRef.current?.focus()
  }, [open])

  const tab: TabId = isTab(memory?.tab) ? memory.tab : defaultTab
  const corner = memory?.corner ?? position
  // The panel is its own chunk, fetched the first time the overlay opens (or is about to: hover or focus); the
  // page mode's is another.
  const { panel, error: floatingError } = usePanelModule(open && mode !== 'page')
  const { page, error: pageError } = usePageModule(open && mode === 'page')
  const panelError = mode === 'page' ? pageError : floatingError
  const content =
    root && memory && timeline ? (
      <div className="ps-root">
        {mode === 'floating' ? (
          <ToggleButton
            buttonRef={toggleRef}
            position={corner}
            open={open}
            dx={memory.dx}
            dy={memory.dy}
            onToggle={() => setOpen(!open)}
            onMoved={(dx, dy) => update({ dx, dy })}
          />
        ) : null}
        {loadActive && !(open && tab === 'load') ? (
          // A load run can always be stopped at once, even with the panel closed or on another tab.
          <button type="button" className={`ps-emergency ps-pos-${corner}`} onClick={() => monitor.load.stop()}>
            Emergency stop
          </button>
        ) : null}
        {open && page && mode === 'page' ? (
          <page.DevPage
            monitor={monitor}
            timeline={timeline}
            root={root}
            tab={tab}
            onTabChange={(next) => update({ tab: next })}
          />
        ) : open && panel && mode !== 'page' ? (
          <panel.Panel
            monitor={monitor}
            timeline={timeline}
            root={root}
            mode={mode}
            position={corner}
            onPositionChange={(next) => update({ corner: next, dx: 0, dy: 0 })}
            tab={tab}
            onTabChange={(next) => update({ tab: next })}
            size={{ width: memory.width, height: memory.height }}
            onResize={(width, height) => update({ width, height })}
            onClose={() => setOpen(false)}
            focusOnOpen={focusPanel}
            onFocused={() => setFocusPanel(false)}
          />
        ) : open ? (
          <div className="ps-loading" role="status">
            {panelError ? `The performance panel could not load: ${panelError}` : 'Loading performance panel…'}
          </div>
        ) : null}
      </div>
    ) : null

  return (
    <>
      {mode === 'page' ? <div ref={hostParent} data-perfscope-page="" /> : null}
      {root && content ? createPortal(content, root) : null}
    </>
  )
}

/** Starts fetching the panel's chunk when the pointer or focus reaches the toggle, ahead of the click. */
function prefetchPanel(): void {
  loadPanel().catch(() => {
    // Shown when the panel opens; a prefetch that fails is retried then.
  })
}

/** Beyond this many px of movement a press on the toggle is a drag, not a click. */
const DRAG_THRESHOLD_PX = 4

function ToggleButton({
  buttonRef,
  position,
  open,
  dx,
  dy,
  onToggle,
  onMoved,
}: {
  buttonRef: RefObject<HTMLButtonElement | null>
  position: string
  open: boolean
  dx: number
  dy: number
  onToggle: () => void
  onMoved: (dx: number, dy: number) => void
}) {
  const drag = useRef<{ x: number; y: number; dx: number; dy: number; moved: boolean } | null>(null)
  const suppressClick = useRef(false)
  const [offset, setOffset] = useState({ dx, dy })
  // A new remembered offset (a drag saved, a corner change that resets it) replaces the local one in this render.
  const [saved, setSaved] = useState({ dx, dy })
  if (saved.dx !== dx || saved.dy !== dy) {
    setSaved({ dx, dy })
    setOffset({ dx, dy })
  }
  // An offset remembered in a larger window (or dragged past the edge) must not leave the button out of reach.
  useLayoutEffect(() => {
    const keepInView = () => {
      const box = buttonRef.current?.getBoundingClientRect()
      if (!box) return
      const pullX = box.left < 0 ? -box.left : box.right > window.innerWidth ? window.innerWidth - box.right : 0
      const pullY = box.top < 0 ? -box.top : box.bottom > window.innerHeight ? window.innerHeight - box.bottom : 0
      if (pullX !== 0 || pullY !== 0) setOffset((o) => ({ dx: o.dx + pullX, dy: o.dy + pullY }))
    }
    keepInView()
    window.addEventListener('resize', keepInView)
    return () => window.removeEventListener('resize', keepInView)
  }, [offset, buttonRef])

  const onPointerDown = (e: ReactPointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return
    drag.current = { x: e.clientX, y: e.clientY, dx: offset.dx, dy: offset.dy, moved: false }
    e.currentTarget.setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: ReactPointerEvent<HTMLButtonElement>) => {
    const d = drag.current
    if (!d) return
    const mx = e.clientX - d.x
    const my = e.clientY - d.y
    if (!d.moved && Math.hypot(mx, my) < DRAG_THRESHOLD_PX) return
    d.moved = true
    setOffset({ dx: d.dx + mx, dy: d.dy + my })
  }
  const onPointerUp = () => {
    const d = drag.current
    drag.current = null
    if (!d?.moved) return
    suppressClick.current = true
    onMoved(offset.dx, offset.dy)
  }
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`ps-toggle ps-pos-${position}`}
      aria-label="Performance overlay"
      aria-expanded={open}
      title="Performance overlay (drag to move)"
      style={{ transform: `translate(${offset.dx}px, ${offset.dy}px)` }}
      onPointerEnter={prefetchPanel}
      onFocus={prefetchPanel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onClick={() => {
        // The click that ends a drag is not a toggle.
        if (suppressClick.current) {
          suppressClick.current = false
          return
        }
        onToggle()
      }}
    >
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        aria-hidden="true"
      >
        <path d="M3 12h4l3 8 4-16 3 8h4" />
      </svg>
    </button>
  )
}
