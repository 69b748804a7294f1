import { transparencySuite } from './transparency'

transparencySuite('websocket')
