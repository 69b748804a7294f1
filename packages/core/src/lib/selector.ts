/**
 * A short CSS selector for an element (`main > img.hero`, `#buy`), for attribution in the overlay and exports.
 * Never keeps the node itself: the snapshot is plain data and must not retain the app's DOM.
 */
export function selectorOf(node: Node | null | undefined, depth = 3): string | null {
  if (!node || node.nodeType !== 1) return null
  const parts: string[] = []
  let el: Element | null = node as Element
  while (el && parts.length < depth) {
    if (el.id) {
      parts.unshift(`#${el.id}`)
      break
    }
    const classes = [...el.classList]
      .slice(0, 2)
      .map((c) => `.${c}`)
      .join('')
    parts.unshift(`${el.localName}${classes}`)
    if (el.localName === 'body' || el.localName === 'html') break
    el = el.parentElement
  }
  return parts.join(' > ')
}
