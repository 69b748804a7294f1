import { transparencySuite } from './transparency'

transparencySuite('fetch')
