/**
 * The one way perfscope patches a global (fetch, XMLHttpRequest.prototype.open, history.pushState…).
 * `wrapProperty()` installs a wrapper and returns `restore()`:
 * - installing twice on the same property wraps once (the wrapper is recognised by a private mark);
 * - `restore()` puts back the exact original (identity included) when our wrapper is still in place;
 * - when another library wrapped after us, `restore()` leaves their wrapper alone and turns ours into a
 *   pass-through instead (docs/compatibility.md case 18: removing it would remove theirs too);
 * - a non-writable, non-configurable property is reported (`installed: false`), never thrown on (docs/compatibility.md case 10).
 */

const ORIGINAL = Symbol.for('perfscope.original')

/** A function perfscope installed; it remembers what it wraps. */
type Marked<F> = F & { [ORIGINAL]?: F }

export interface Wrapped {
  /** False when the property could not be patched (missing, frozen, or not a function). */
  readonly installed: boolean
  restore(): void
}

/** The function `fn` wraps when it is a perfscope wrapper, else `fn` itself. */
export function unwrap<F>(fn: F): F {
  let current = fn as Marked<F>
  while (typeof current === 'function' && current[ORIGINAL]) current = current[ORIGINAL] as Marked<F>
  return current
}

/** True when `fn` is a wrapper perfscope installed. */
export function isPerfscopeWrapper(fn: unknown): boolean {
  return typeof fn === 'function' && ORIGINAL in fn
}

/**
 * Replaces `target[key]` with `makeWrapper(original)`. The wrapper is called with the app's `this` and arguments;
 * it must call `original` itself. `makeWrapper` receives an `active()` check: when it returns false (after a
 * restore that could not remove the wrapper), the wrapper must just call the original.
 */
export function wrapProperty<T extends object, K extends keyof T>(
  target: T,
  key: K,
  makeWrapper: (original: T[K], active: () => boolean) => T[K],
): Wrapped {
  const notInstalled: Wrapped = { installed: false, restore() {} }
  try {
    const own = Object.getOwnPropertyDescriptor(target, key)
    const current = target[key]
    if (typeof current !== 'function' || isPerfscopeWrapper(current)) return notInstalled
    // Our wrapper goes on `target` itself as a data property; that needs a configurable own property
    // (or none: then the inherited one is shadowed and simply deleted on restore).
    if (own && !own.configurable && !(own.writable && 'value' in own)) return notInstalled

    let isActive = true
    const wrapper = makeWrapper(current, () => isActive) as T[K] & object
    Object.defineProperty(wrapper, ORIGINAL, { value: current })
    copyFunctionShape(wrapper as unknown as AnyFunction, current as unknown as AnyFunction)
    if (own && !own.configurable) (target as Record<PropertyKey, unknown>)[key as PropertyKey] = wrapper
    else
      Object.defineProperty(target, key, {
        value: wrapper,
        writable: true,
        enumerable: own?.enumerable ?? false,
        configurable: true,
      })
    if (target[key] !== wrapper) return notInstalled

    return {
      installed: true,
      restore() {
        if (!isActive) return
        isActive = false
        try {
          if (target[key] !== wrapper) return // someone wrapped after us: ours now passes through
          if (!own) delete (target as Record<PropertyKey, unknown>)[key as PropertyKey]
          else if (own.configurable) Object.defineProperty(target, key, own)
          else (target as Record<PropertyKey, unknown>)[key as PropertyKey] = current
        } catch {
          // Frozen since install: the wrapper stays but passes through, as isActive is false.
        }
      },
    }
  } catch {
    return notInstalled
  }
}

type AnyFunction = (...args: never[]) => unknown

/** Makes the wrapper look like the original to code that inspects `name` and `length` (`fetch.length === 1`). */
function copyFunctionShape(wrapper: AnyFunction, original: AnyFunction): void {
  for (const prop of ['name', 'length'] as const) {
    try {
      Object.defineProperty(wrapper, prop, { value: original[prop], configurable: true })
    } catch {
      // Shape is cosmetic; a failure here must not stop the install.
    }
  }
}
