import { main } from '../../src/cli/main.ts'

/**
 * Runs the CLI in-process over in-memory files: `files` maps paths to JSON values or text; a path under
 * `/nonexistent/` cannot be written. Returns the exit code, what it printed and what it wrote.
 */
export async function runCli(args: string[], files: Record<string, unknown>) {
  const out: string[] = []
  const err: string[] = []
  const written: Record<string, string> = {}
  const code = await main(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: async (path) => {
      if (!(path in files)) throw new Error('ENOENT: no such file')
      const v = files[path]
      return typeof v === 'string' ? v : JSON.stringify(v)
    },
    writeFile: async (path, text) => {
      if (path.startsWith('/nonexistent/')) throw new Error('ENOENT: no such directory')
      written[path] = text
    },
  })
  return { code, out: out.join('\n'), err: err.join('\n'), written }
}
