/** Every element matching `selector` in the document and in every open shadow root inside it, depth first. */
export function findAll(selector: string, root: Document | ShadowRoot = document): Element[] {
  const found = [...root.querySelectorAll(selector)]
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...findAll(selector, element.shadowRoot))
  }
  return found
}
