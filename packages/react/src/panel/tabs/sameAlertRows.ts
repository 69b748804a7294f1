import type { MonitorAlert } from '@perfscope/core'
import { sameItems } from '../equality.ts'
import type { Alert, splitBudgetAlerts } from './alerts.ts'

/** The fields a budget alert's row shows (its measured `value` moves with every evaluation and is not shown). */
const sameBudgetRow = (a: MonitorAlert, b: MonitorAlert) =>
  a.id === b.id &&
  a.level === b.level &&
  a.message === b.message &&
  a.startedAt === b.startedAt &&
  a.endedAt === b.endedAt &&
  a.acknowledged === b.acknowledged

/** Budget alerts split into active and ended, equal when every row would read the same. */
export const sameBudgetAlerts = (a: ReturnType<typeof splitBudgetAlerts>, b: ReturnType<typeof splitBudgetAlerts>) =>
  sameItems(a.active, b.active, sameBudgetRow) && sameItems(a.ended, b.ended, sameBudgetRow)

/** Other alerts, equal when every row would read the same. */
export const sameOtherAlerts = (a: Alert[], b: Alert[]) =>
  sameItems(a, b, (x, y) => x.id === y.id && x.tone === y.tone && x.text === y.text)
