export type Two = number
