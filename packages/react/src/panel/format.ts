import type { Rating } from '@perfscope/core'

/** `12 ms`, `1.24 s`, or `—` when unknown. */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—'
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${Math.round(ms)} ms`
  return `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`
}

/** `12.3 MB` from bytes. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—'
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${Math.round(bytes)} B`
}

/**
 * One formatter per number of decimals: `toLocaleString` with options builds a new `Intl.NumberFormat` on every
 * call, which cost more than the rest of a card's render, and cards re-render with every network publish.
 */
const numberFormats = new Map<number, Intl.NumberFormat>()

/** A plain number with at most `digits` decimals, or `—`. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value == null || !Number.isFinite(value)) return '—'
  let format = numberFormats.get(digits)
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
    numberFormats.set(digits, format)
  }
  return format.format(value)
}

/**
 * An amount of money: `$121` with the currency's symbol when `currency` is an ISO 4217 code, else `121 credits`.
 * Cents only below 100, where they still matter.
 */
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount == null || !Number.isFinite(amount)) return '—'
  const digits = Math.abs(amount) < 100 ? 2 : 0
  try {
    return amount.toLocaleString('en-US', {
      style: 'currency',
      currency,
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    })
  } catch {
    return `${formatNumber(amount, digits)} ${currency}`
  }
}

/** `3.2 %` from a 0..1 ratio. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return '—'
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`
}

/** The card / badge tone of a rating. */
export function toneOfRating(rating: Rating | null | undefined): 'good' | 'warn' | 'bad' | 'muted' {
  if (rating === 'good') return 'good'
  if (rating === 'needs-improvement') return 'warn'
  if (rating === 'poor') return 'bad'
  return 'muted'
}

/** Text for anything captured from the page, bounded so a huge value cannot blow up the layout. */
export function shortText(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? value : value == null ? '' : (JSON.stringify(value) ?? String(value))
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
