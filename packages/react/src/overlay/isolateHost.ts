/**
 * Keeps the floating overlay usable while an app's modal dialog holds focus. Dialog libraries (Radix, Headless UI,
 * react-aria) hide everything outside the dialog from assistive technology (`aria-hidden` or `inert` on the body's
 * other children), pull focus back when it leaves the dialog, and close the dialog on a press or focus outside it.
 * The overlay is a developer's tool beside the app, not part of it, so:
 *
 * - `aria-hidden` and `inert` set on the overlay's host are taken off again as soon as they appear;
 * - focus, pointer, click and key events from inside the overlay stop at its host, so the app's document-level
 *   listeners never see them (the app never hears about a press on the overlay);
 * - the one event the app's listeners see before the host can stop it — focus leaving the app's element for the
 *   overlay (`focusout` with the host as `relatedTarget`), and the non-bubbling `focus` that capture-phase traps
 *   read — is stopped on `window` in the capture phase, registered when the overlay mounts, ahead of any dialog;
 * - Escape pressed inside the overlay closes the overlay's panel and goes no further (dialogs listen for Escape
 *   in the capture phase, before the overlay's own handlers could run).
 *
 * Returns the function that undoes all of it.
 */
export function isolateHost(host: HTMLElement, onEscape: () => void): () => void {
  const strip = () => {
    if (host.hasAttribute('aria-hidden')) host.removeAttribute('aria-hidden')
    if (host.hasAttribute('inert')) host.removeAttribute('inert')
  }
  const observer = new MutationObserver(strip)
  observer.observe(host, { attributes: true, attributeFilter: ['aria-hidden', 'inert'] })

  const stop = (event: Event) => event.stopPropagation()
  for (const type of CONTAINED_EVENTS) host.addEventListener(type, stop)

  // Seen from `window`, an event inside the overlay's shadow root targets the host itself.
  const onFocus = (event: Event) => {
    if (event.target === host) event.stopImmediatePropagation()
  }
  const onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget === host) event.stopImmediatePropagation()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.target !== host) return
    event.stopImmediatePropagation()
    event.preventDefault()
    onEscape()
  }
  window.addEventListener('focus', onFocus, true)
  window.addEventListener('focusout', onFocusOut, true)
  window.addEventListener('keydown', onKeyDown, true)
  return () => {
    observer.disconnect()
    for (const type of CONTAINED_EVENTS) host.removeEventListener(type, stop)
    window.removeEventListener('focus', onFocus, true)
    window.removeEventListener('focusout', onFocusOut, true)
    window.removeEventListener('keydown', onKeyDown, true)
  }
}

/** Bubbling events that never leave the overlay's host. */
const CONTAINED_EVENTS = [
  'focusin',
  'focusout',
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
] as const
