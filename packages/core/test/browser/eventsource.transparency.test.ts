import { transparencySuite } from './transparency'

transparencySuite('eventsource')
