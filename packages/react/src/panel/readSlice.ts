import type { Snapshot } from '@perfscope/core'

/**
 * A snapshot slice that other sources may or may not provide yet (`channels`, `paint`…): the overlay renders what
 * exists and never trusts its shape.
 */
export function readSlice(snapshot: Snapshot, name: string): unknown {
  return (snapshot as unknown as Record<string, unknown>)[name]
}

/** Field `name` of an unknown record when it is a finite number, else null. */
export function numberField(record: unknown, name: string): number | null {
  if (typeof record !== 'object' || record === null) return null
  const value = (record as Record<string, unknown>)[name]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** Field `name` of an unknown record as text (strings and numbers), else null. */
export function textField(record: unknown, name: string): string | null {
  if (typeof record !== 'object' || record === null) return null
  const value = (record as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null
}
