import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceConditions } from './test-support/sourceConditions.ts'
import { playgroundApi } from './playground/server/plugin.ts'

/** `npm run dev`: the playground and its API, with the workspace packages resolved to their sources. */
export default defineConfig({
  root: 'playground',
  plugins: [react(), playgroundApi()],
  resolve: { conditions: sourceConditions.client },
  // The playground API (playground/server/app.ts) is loaded with ssrLoadModule: workspace packages from source too.
  ssr: { resolve: { conditions: sourceConditions.server, externalConditions: ['@perfscope/source'] } },
  server: { host: '127.0.0.1', port: 5173 },
  // `/dev/performance` and the other client routes are served index.html by Vite's SPA fallback.
  appType: 'spa',
})
