import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceConditions } from './test-support/sourceConditions.ts'

/** `npm run dev`: the playground, with the workspace packages resolved to their sources. */
export default defineConfig({
  root: 'playground',
  plugins: [react()],
  resolve: { conditions: sourceConditions.client },
  server: { host: '127.0.0.1', port: 5173 },
})
