/**
 * Puts the floating overlay's host in the browser's top layer (a `manual` popover, where the Popover API exists),
 * above anything the app can stack with `z-index`, however its stacking contexts nest. A manual popover never
 * closes by itself (no light dismiss, no Escape). The app's own popovers and modal dialogs opened later go above
 * it, as the top layer orders by opening; the overlay does not fight them for the spot.
 * Returns the function that takes the host out of the top layer again.
 */
export function raiseToTopLayer(host: HTMLElement): () => void {
  if (typeof host.showPopover !== 'function') return () => {}
  host.setAttribute('popover', 'manual')
  try {
    host.showPopover()
  } catch {
    // Not connected yet, or refused: the overlay still works below the top layer, stacked by z-index.
    host.removeAttribute('popover')
    return () => {}
  }
  return () => {
    if (host.matches(':popover-open')) host.hidePopover()
    host.removeAttribute('popover')
  }
}
