import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach } from 'vitest'

// Tells React that these tests wrap updates in act(), so it warns about any that are not.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** A React root in a container of its own for each test of the calling suite; unmounted and removed after each. */
export function useReactRoot(): { readonly container: HTMLElement; readonly root: Root } {
  let container: HTMLElement | null = null
  let root: Root | null = null
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'))
    root = createRoot(container)
  })
  afterEach(() => {
    act(() => root!.unmount())
    container!.remove()
  })
  return {
    get container() {
      return container!
    },
    get root() {
      return root!
    },
  }
}
