import { install } from 'bench:sdk'

// What an app loads eagerly to have an SDK running: the import and the minimal set-up call, nothing else.
install(location.origin)
