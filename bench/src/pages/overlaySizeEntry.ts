import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import type { Monitor } from '@perfscope/core'
import { PerfOverlay } from 'bench:overlay'
import { install } from 'bench:sdk'

// An app with perfscope's core running and <PerfOverlay/> mounted but not opened: what it loads eagerly.
const monitor = install(location.origin) as Monitor
createRoot(document.getElementById('root')!).render(createElement(PerfOverlay, { monitor }))
