/**
 * The `bench:*` specifiers are aliases the bench's Vite builds resolve per page (see `lib/pages.ts`), so one entry
 * module serves every SDK. These declarations state the shape each alias must have.
 */
declare module 'bench:sdk' {
  /** Sets the SDK up as its documentation's minimal example does; `origin` is the bench server's. */
  export function install(origin: string): unknown
}

declare module 'bench:overlay' {
  import type { ComponentType } from 'react'
  import type { Monitor } from '@perfscope/core'
  /** `<PerfOverlay/>` from `@perfscope/react/production` (the opt-in entry that renders in a production build). */
  export const PerfOverlay: ComponentType<{ monitor?: Monitor }>
  export { retainTimeline, TIMELINE_SERIES } from '@perfscope/react/production'
}
