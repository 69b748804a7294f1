import { transparencySuite } from './transparency'

transparencySuite('xhr')
