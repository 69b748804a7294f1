'use client'
import { Overlay } from './overlay/Overlay.tsx'
import type { PerfOverlayProps } from './overlay/types.ts'

function NoOverlay(_props: PerfOverlayProps): null {
  return null
}

/**
 * The performance overlay, in development only: in a production build (`process.env.NODE_ENV === 'production'`)
 * it renders nothing and bundlers drop its code. Import `PerfOverlay` from `@perfscope/react/production` to ship
 * it on purpose.
 */
export const PerfOverlay: (props: PerfOverlayProps) => ReturnType<typeof Overlay> | null =
  process.env.NODE_ENV === 'production' ? NoOverlay : Overlay
