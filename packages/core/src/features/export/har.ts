import type { PerfReport } from './report.ts'

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) of the network log, so it opens in browser devtools. */
export function toHar(report: PerfReport, version: string): Record<string, unknown> {
  const origin = report.page ? new URL(report.page).origin : 'http://localhost'
  return {
    log: {
      version: '1.2',
      creator: { name: 'perfscope', version },
      pages: [],
      entries: report.requests.map((r) => {
        const space = r.endpoint.indexOf(' ')
        const method = r.endpoint.slice(0, space)
        const target = r.endpoint.slice(space + 1)
        // The URL is the endpoint's route pattern (ids as :id): never the raw URL, which may carry secrets.
        const url = /^https?:\/\//.test(target) ? target : `${origin}${target}`
        return {
          startedDateTime: new Date(r.startedAt).toISOString(),
          time: r.durationMs,
          request: {
            method,
            url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: [],
            queryString: [],
            headersSize: -1,
            bodySize: -1,
          },
          response: {
            status: r.status ?? 0,
            statusText: r.status === null ? r.kind : '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: [],
            content: { size: 0, mimeType: '' },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          // perfscope times a request to its response headers; send and receive are not known apart.
          timings: { send: 0, wait: r.durationMs, receive: 0 },
        }
      }),
    },
  }
}
