/**
 * How deep the current synchronous call stack is inside the app's `fetch`. An XHR sent while it is non-zero
 * belongs to a fetch polyfill built on XHR, and the fetch wrapper already counts that call (docs/compatibility.md case 13).
 */
export const fetchScope = { depth: 0 }
