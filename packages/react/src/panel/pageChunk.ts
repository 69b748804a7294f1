/** The lazily loaded chunk of the `/dev/performance` page: the panel plus other tabs' snapshots and stored days. */
export { DevPage } from './page/DevPage.tsx'
export type { DevPageProps } from './page/DevPage.tsx'
