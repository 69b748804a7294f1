/** The formats `monitor.export()` writes. */
export type ExportFormat = 'json' | 'csv' | 'har' | 'otlp'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'har', 'otlp']

export interface ExportOptions {
  /** gzip the text (fflate); the result is then a Uint8Array. */
  compress?: boolean
}
