import { useEffect, useRef, useState, type FormEvent } from 'react'
import { createPortal } from 'react-dom'

/**
 * A modal dialog that behaves the way Radix and Headless UI dialogs do, so the overlay can be tried beside one:
 * it sets `aria-hidden` on every other child of `<body>`, traps focus (focus that leaves it is pulled back),
 * turns off pointer events on the body, and closes on Escape or a press outside it. A side sheet, full height,
 * with its Submit button in the bottom-right corner.
 */
export function ProfileDialog({ onClose }: { onClose: (saved: string | null) => void }) {
  const [host] = useState(() => document.createElement('div'))
  const sheet = useRef<HTMLDivElement>(null)
  const [name, setName] = useState('Ada')

  useEffect(() => {
    document.body.appendChild(host)
    const hidden = [...document.body.children].filter((el) => el !== host && !el.hasAttribute('aria-hidden'))
    for (const el of hidden) el.setAttribute('aria-hidden', 'true')
    const pointer = document.body.style.pointerEvents
    document.body.style.pointerEvents = 'none'
    const before = document.activeElement as HTMLElement | null
    let last: HTMLElement | null = null
    const inside = (node: unknown) => node instanceof Node && host.contains(node)
    const onFocusIn = (e: FocusEvent) => {
      if (inside(e.target)) last = e.target as HTMLElement
      else (last ?? sheet.current)?.focus()
    }
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget !== null && !inside(e.relatedTarget)) (last ?? sheet.current)?.focus()
    }
    const onPointerDown = (e: PointerEvent) => {
      if (!inside(e.target)) onClose(null)
    }
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose(null)
    }
    document.addEventListener('focusin', onFocusIn)
    document.addEventListener('focusout', onFocusOut)
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown, true)
    sheet.current?.querySelector('input')?.focus()
    return () => {
      document.removeEventListener('focusin', onFocusIn)
      document.removeEventListener('focusout', onFocusOut)
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown, true)
      for (const el of hidden) el.removeAttribute('aria-hidden')
      document.body.style.pointerEvents = pointer
      host.remove()
      before?.focus()
    }
  }, [host, onClose])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onClose(name)
  }
  return createPortal(
    <>
      <div className="dialog-backdrop" />
      <div
        ref={sheet}
        className="dialog-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="profile-title"
        tabIndex={-1}
      >
        <form onSubmit={submit}>
          <h2 id="profile-title">Edit profile</h2>
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={() => onClose(null)}>
              Cancel
            </button>
            <button type="submit">Submit</button>
          </div>
        </form>
      </div>
    </>,
    host,
  )
}
