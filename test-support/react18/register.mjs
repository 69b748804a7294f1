// `node --import ./test-support/react18/register.mjs …` runs a script with React 18 in place of the root's React 19.
import { register } from 'node:module'

register('./resolveToReact18.mjs', import.meta.url)
