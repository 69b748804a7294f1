import { createContext } from 'react'

/** Called by a chart after it has painted data; the panel marks the first one as `perfscope:first-chart`. */
export const FirstChartContext = createContext<() => void>(() => {})
