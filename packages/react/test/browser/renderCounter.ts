/** What the page under test exposes once {@link installRenderCounter} and {@link installStoreCounter} ran. */
export interface CounterWindow {
  /** Commits count only while this is true. */
  countRenders: boolean
  /** Per component name, the commits in which that component rendered (mounts included). */
  renderCounts: Record<string, number>
  /** Snapshot changes seen while counting: `total`, and per top-level key the changes that replaced it. */
  storeChanges: Record<string, number>
}

/**
 * Init script: a minimal React DevTools hook that, after each commit, counts the function components that
 * rendered in it. It walks the committed tree the way React DevTools does: a subtree whose children were not
 * cloned in this commit did not render and is skipped; a cloned component rendered only when React flagged it
 * as having performed work (a bail-out clears the flag). No code in the panel exists for the test.
 */
export function installRenderCounter(): void {
  /** React's `PerformedWork` fiber flag. */
  const PERFORMED_WORK = 1
  interface Fiber {
    type: unknown
    flags: number
    child: Fiber | null
    sibling: Fiber | null
    alternate: Fiber | null
  }
  const w = window as unknown as CounterWindow & { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }
  w.countRenders = false
  w.renderCounts = {}
  const count = (fiber: Fiber) => {
    const type = fiber.type as { displayName?: string; name?: string }
    const name = type.displayName || type.name
    if (name) w.renderCounts[name] = (w.renderCounts[name] ?? 0) + 1
  }
  const visit = (fiber: Fiber) => {
    // Iterative over siblings, recursive over children: the panel's tree is shallow.
    for (let next: Fiber | null = fiber; next; next = next.sibling) {
      const previous = next.alternate
      if (typeof next.type === 'function' && (previous === null || (next.flags & PERFORMED_WORK) !== 0)) count(next)
      if (next.child && (previous === null || next.child !== previous.child)) visit(next.child)
    }
  }
  let renderers = 0
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => ++renderers,
    checkDCE: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => {
      if (!w.countRenders) return
      const top = root.current
      if (top.child && top.child !== top.alternate?.child) visit(top.child)
    },
  }
}

/**
 * Page function: counts the monitor's snapshot changes while `countRenders` is on, per top-level key replaced,
 * plus `alertRows`: changes that can alter the Overview's alert list (budget alerts, errors, the leak signal, an
 * endpoint's health or runaway state).
 */
export function installStoreCounter(): void {
  type Store = {
    subscribe(listener: (state: Record<string, unknown>, previous: Record<string, unknown>) => void): () => void
  }
  const w = window as unknown as CounterWindow & { overlayMonitor: { store: Store } }
  w.storeChanges = { total: 0, alertRows: 0 }
  const alertInputs = (s: Record<string, unknown>) => {
    const endpoints = s.endpoints as { key: string; health: string; runaway?: { active: boolean } | null }[]
    const memory = s.memory as { leakSuspected?: boolean } | null
    const errors = s.errors as { count: number }
    const alerts = s.alerts as {
      id: string
      level: string
      message: string
      startedAt: number
      endedAt: number | null
      acknowledged: boolean
    }[]
    const rows = alerts
      .map((a) => `${a.id} ${a.level} ${a.message} ${a.startedAt} ${a.endedAt} ${a.acknowledged}`)
      .join('\n')
    return [
      rows,
      errors.count,
      memory?.leakSuspected === true,
      endpoints.map((e) => `${e.key} ${e.health} ${e.runaway?.active === true}`).join('\n'),
    ]
  }
  w.overlayMonitor.store.subscribe((state, previous) => {
    if (!w.countRenders) return
    w.storeChanges.total!++
    for (const key of Object.keys(state))
      if (state[key] !== previous[key]) w.storeChanges[key] = (w.storeChanges[key] ?? 0) + 1
    const [a, b] = [alertInputs(state), alertInputs(previous)]
    if (a.some((value, i) => value !== b[i])) w.storeChanges.alertRows!++
  })
}
