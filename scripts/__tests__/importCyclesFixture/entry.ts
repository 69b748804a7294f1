import { one } from './static.ts'
import type { Two } from './typeOnly.ts'
export { three } from './reexported.ts'
export const load = () => import('./dynamic.ts')
export const value: Two = one
