import type { ServerOptions, ViteDevServer } from 'vite'

/** Where every test server listens: loopback, a free port, no HMR and no file watching. */
export const LOOPBACK_SERVER: ServerOptions = { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null }

/**
 * The CommonJS dependencies the fixtures import, pre-bundled up front with discovery off: a dependency discovered at
 * run time makes Vite reload the page in the middle of a test.
 */
export const REACT_DEPS = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime']

/** Starts listening and returns the server's base URL (`http://127.0.0.1:<port>`). */
export async function listenOnLoopback(server: ViteDevServer, what: string): Promise<string> {
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error(`${what} has no TCP address`)
  return `http://127.0.0.1:${address.port}`
}
