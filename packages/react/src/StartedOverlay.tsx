'use client'
import { Overlay } from './overlay/Overlay.tsx'
import type { PerfOverlayProps } from './overlay/types.ts'
import { useMonitor, useRetainedMonitor } from './monitorContext.ts'

/**
 * The overlay, with its monitor started during this component's first render: every effect of the app's first
 * commit runs after it, so the overlay counts the requests those effects make even without a `PerfscopeProvider`.
 */
export function StartedOverlay(props: PerfOverlayProps) {
  const monitor = useMonitor(props.monitor)
  useRetainedMonitor(monitor)
  return <Overlay {...props} monitor={monitor} />
}
