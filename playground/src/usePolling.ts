import { useEffect, useRef, useState } from 'react'

/** Poll every 2–5 s while visible; hidden or failing, back off up to this long. */
export const POLL_MIN_MS = 2000
export const POLL_MAX_MS = 5000
export const BACKOFF_MAX_MS = 60_000

/**
 * Smart polling: a random 2–5 s interval while the page is visible, doubling back-off while hidden or after an
 * error, and an immediate poll when the page becomes visible again. One timer at a time, cleared on unmount.
 */
export function usePolling<T>(url: string): { data: T | null; error: string | null; delayMs: number } {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [delayMs, setDelayMs] = useState(POLL_MIN_MS)
  const backoff = useRef(POLL_MIN_MS)

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let controller: AbortController | null = null
    let stopped = false

    const schedule = (ok: boolean) => {
      if (stopped) return
      const base = POLL_MIN_MS + Math.random() * (POLL_MAX_MS - POLL_MIN_MS)
      backoff.current = ok && !document.hidden ? base : Math.min(BACKOFF_MAX_MS, backoff.current * 2)
      setDelayMs(Math.round(backoff.current))
      timer = setTimeout(poll, backoff.current)
    }
    const poll = async () => {
      controller = new AbortController()
      try {
        const response = await fetch(url, { signal: controller.signal })
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        setData((await response.json()) as T)
        setError(null)
        schedule(true)
      } catch (e) {
        if (stopped) return
        setError(e instanceof Error ? e.message : String(e))
        schedule(false)
      }
    }
    const onVisible = () => {
      if (document.hidden || stopped) return
      clearTimeout(timer)
      backoff.current = POLL_MIN_MS
      void poll()
    }
    document.addEventListener('visibilitychange', onVisible)
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
      controller?.abort()
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [url])

  return { data, error, delayMs }
}
