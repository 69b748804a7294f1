import type { IncomingMessage } from 'node:http'

/**
 * Reads a request body as UTF-8 text, or null as soon as it is known to be over `cap` bytes: from
 * `Content-Length` before reading anything, else while streaming (reading stops at the chunk that crosses the
 * cap and the stream is cancelled). Memory held is at most `cap` plus one chunk, whatever the client sends,
 * as the OpenTelemetry Collector's `max_request_body_size` does.
 */
export async function readFetchBody(request: Request, cap: number): Promise<string | null> {
  if (declaredTooLarge(request.headers.get('content-length'), cap)) {
    await request.body?.cancel().catch(() => {})
    return null
  }
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > cap) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return decode(chunks, size)
}

/**
 * The Node middleware's twin of {@link readFetchBody}. When the body is over the cap, the request stops being
 * read (paused, listeners removed); the caller answers 413 and closes the connection so the rest is never read.
 */
export function readIncomingBody(req: IncomingMessage, cap: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (declaredTooLarge(req.headers['content-length'] ?? null, cap)) {
      req.pause()
      resolve(null)
      return
    }
    const chunks: Uint8Array[] = []
    let size = 0
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    const onData = (chunk: Uint8Array) => {
      size += chunk.byteLength
      if (size > cap) {
        stop()
        req.pause()
        resolve(null)
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      stop()
      resolve(decode(chunks, size))
    }
    const onError = (error: unknown) => {
      stop()
      reject(error)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

function declaredTooLarge(contentLength: string | null, cap: number): boolean {
  return contentLength !== null && /^\d+$/.test(contentLength) && Number(contentLength) > cap
}

function decode(chunks: Uint8Array[], size: number): string {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}
