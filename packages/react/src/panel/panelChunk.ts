/** The lazily loaded panel chunk: the floating panel and the `/dev/performance` page built on it. */
export { Panel } from './Panel.tsx'
export type { PanelProps } from './Panel.tsx'
export { DevPage } from './page/DevPage.tsx'
export type { DevPageProps } from './page/DevPage.tsx'
