/**
 * Which query parameters keep their values. Every value is dropped unless its name is allow-listed; names that
 * look like a credential are dropped even when allow-listed, so a broad pattern cannot let `access_token` through.
 */

/** Name fragments that always mark a secret (matched case-insensitively, anywhere in the name). */
export const SECRET_NAME_FRAGMENTS: readonly string[] = [
  'token',
  'key',
  'auth',
  'pass',
  'pwd',
  'secret',
  'session',
  'signature',
  'credential',
  'jwt',
  'cookie',
  'nonce',
  'ticket',
  'email',
]

/** Short secret names matched as whole words of the name (`sig`, `X-Code`, `otp_value`), not inside `design`. */
export const SECRET_NAME_WORDS: readonly string[] = ['sig', 'code', 'otp', 'pin', 'state', 'sid', 'ssn', 'mail']

/** Splits `X-Amz-Signature`, `apiKey`, `otp_value` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
}

/** How a URL's query is treated: the one setting every outlet shares. */
export interface QueryPolicy {
  /** True when the value of parameter `name` may be kept. */
  keepsValue(name: string): boolean
}

/** Keeps no value: what attribution, the server and every caller without options use. */
export const DROP_ALL_VALUES: QueryPolicy = { keepsValue: () => false }

/**
 * The policy for an allow-list (`network.keepQueryValues`: exact names, case-insensitive, or patterns) and a
 * deny-list (`network.redactKeys`: extra name fragments or patterns, on top of {@link SECRET_NAME_FRAGMENTS}
 * and {@link SECRET_NAME_WORDS}).
 */
export function queryPolicy(
  keep: readonly (string | RegExp)[] = [],
  deny: readonly (string | RegExp)[] = [],
): QueryPolicy {
  if (keep.length === 0) return DROP_ALL_VALUES
  const keepNames = new Set(keep.filter((k): k is string => typeof k === 'string').map((k) => k.toLowerCase()))
  const keepPatterns = keep.filter((k): k is RegExp => k instanceof RegExp)
  const denyFragments = SECRET_NAME_FRAGMENTS.concat(
    deny.filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase()),
  )
  const denyPatterns = deny.filter((d): d is RegExp => d instanceof RegExp)
  const matches = (re: RegExp, name: string) => {
    re.lastIndex = 0
    return re.test(name)
  }
  return {
    keepsValue(name) {
      const lower = name.toLowerCase()
      if (!keepNames.has(lower) && !keepPatterns.some((re) => matches(re, name))) return false
      if (denyFragments.some((fragment) => lower.includes(fragment)) || denyPatterns.some((re) => matches(re, name)))
        return false
      return !words(name).some((word) => SECRET_NAME_WORDS.includes(word))
    },
  }
}
