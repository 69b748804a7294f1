// A Node module-resolution hook: `react` and `react-dom` (and their subpaths) resolve to the React 18 installed
// beside this file, whoever imports them, so perfscope's sources render on React 18 in a plain Node process.
const react18 = new URL('./package.json', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (/^react(-dom)?($|\/)/.test(specifier)) return nextResolve(specifier, { ...context, parentURL: react18 })
  return nextResolve(specifier, context)
}
