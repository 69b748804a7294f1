#!/usr/bin/env node
// The `perfscope` CLI: a thin launcher over the built module (npm run build produces dist/).
import { main } from '../dist/cli/main.js'

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(2)
  },
)
