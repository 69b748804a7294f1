'use client'
import type { PerfOverlayProps } from './overlay/types.ts'
import { StartedOverlay } from './StartedOverlay.tsx'

function NoOverlay(_props: PerfOverlayProps): null {
  return null
}

/**
 * The performance overlay, in development only: in a production build (`process.env.NODE_ENV === 'production'`)
 * it renders nothing and bundlers drop its code. Import `PerfOverlay` from `@perfscope/react/production` to ship
 * it on purpose.
 */
// This module exports nothing else: bundlers keep every export of a 'use client' module (Next.js does), so a
// second export here would carry the overlay into production builds.
export const PerfOverlay: (props: PerfOverlayProps) => ReturnType<typeof StartedOverlay> | null =
  process.env.NODE_ENV === 'production' ? NoOverlay : StartedOverlay
