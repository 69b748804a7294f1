/**
 * Creates the overlay's host element with an open shadow root (test tools and extensions can still reach it) and
 * adopts `css` as a constructable stylesheet, so a strict CSP needs no `unsafe-inline` and no style crosses the
 * boundary in either direction.
 */
export function createShadowHost(parent: HTMLElement, css: string, attributes: Record<string, string>): ShadowRoot {
  const host = document.createElement('div')
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value)
  parent.appendChild(host)
  const root = host.attachShadow({ mode: 'open' })
  adoptStyles(root, css)
  return root
}

/** Adds a stylesheet to a shadow root (once per root and text). */
export function adoptStyles(root: ShadowRoot, css: string): void {
  const adopted = adoptedTexts.get(root) ?? new Set<string>()
  adoptedTexts.set(root, adopted)
  if (adopted.has(css)) return
  adopted.add(css)
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
}

const adoptedTexts = new WeakMap<ShadowRoot, Set<string>>()
