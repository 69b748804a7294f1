import type { MonitorAlert } from '@perfscope/core'
import { sameItems } from '../equality.ts'
import type { splitAlerts } from './alerts.ts'

/** The fields an alert's row shows (its measured `value` moves with every evaluation and is not shown). */
const sameAlertRow = (a: MonitorAlert, b: MonitorAlert) =>
  a.id === b.id &&
  a.level === b.level &&
  a.message === b.message &&
  a.startedAt === b.startedAt &&
  a.endedAt === b.endedAt &&
  a.acknowledged === b.acknowledged

/** Alerts split into active and ended, equal when every row would read the same. */
export const sameAlerts = (a: ReturnType<typeof splitAlerts>, b: ReturnType<typeof splitAlerts>) =>
  sameItems(a.active, b.active, sameAlertRow) && sameItems(a.ended, b.ended, sameAlertRow)
