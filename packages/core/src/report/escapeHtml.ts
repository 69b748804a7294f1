const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Escapes text for HTML and SVG element content and quoted attribute values. Every captured string (endpoint keys,
 * URLs, attribution, alert messages, scenario names) goes through it before it is written into a report.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}
