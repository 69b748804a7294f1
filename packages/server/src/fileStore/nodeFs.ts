/**
 * Node's file functions, reached through `process.getBuiltinModule` when the file store opens: no static `node:*`
 * import, so a bundle for a runtime without a file system (edge, Workers) can include this module and the store
 * there falls back to memory with this error as its reason.
 */
export function nodeFs(): {
  fs: typeof import('node:fs')
  fsp: typeof import('node:fs/promises')
  path: typeof import('node:path')
} {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule
  if (!get) throw new Error('store.dir needs Node.js 20.16 or later (a file system)')
  return {
    fs: get('node:fs') as typeof import('node:fs'),
    fsp: get('node:fs/promises') as typeof import('node:fs/promises'),
    path: get('node:path') as typeof import('node:path'),
  }
}
