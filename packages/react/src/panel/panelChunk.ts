/** The lazily loaded chunk of the floating panel. */
export { Panel } from './Panel.tsx'
export type { PanelProps } from './Panel.tsx'
