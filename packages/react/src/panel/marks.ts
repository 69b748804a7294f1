/** Marked (`performance.mark`) when the overlay is asked to open: the start of "open to first chart". */
export const PANEL_OPEN_MARK = 'perfscope:panel-open'

/** Marked when the first chart of an opened panel has painted; pair it with {@link PANEL_OPEN_MARK}. */
export const FIRST_CHART_MARK = 'perfscope:first-chart'
