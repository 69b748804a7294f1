'use client'
import { Overlay } from './overlay/Overlay.tsx'
import type { PerfOverlayProps } from './overlay/types.ts'
import { useMonitor, useRetainedMonitor } from './monitorContext.ts'

function NoOverlay(_props: PerfOverlayProps): null {
  return null
}

/**
 * The overlay, with its monitor started during this component's first render: every effect of the app's first
 * commit runs after it, so the overlay counts the requests those effects make even without a `PerfscopeProvider`.
 */
export function StartedOverlay(props: PerfOverlayProps) {
  const monitor = useMonitor(props.monitor)
  useRetainedMonitor(monitor)
  return <Overlay {...props} monitor={monitor} />
}

/**
 * The performance overlay, in development only: in a production build (`process.env.NODE_ENV === 'production'`)
 * it renders nothing and bundlers drop its code. Import `PerfOverlay` from `@perfscope/react/production` to ship
 * it on purpose.
 */
export const PerfOverlay: (props: PerfOverlayProps) => ReturnType<typeof Overlay> | null =
  process.env.NODE_ENV === 'production' ? NoOverlay : StartedOverlay
