import { request } from 'undici'
import { describeTransportError, type Http, type HttpRequest } from '../client/http.ts'

// The load generator's hot path: the same undici Agent as the Http (its connection
// cap, TLS trust and timeouts), without what a conformance check needs and a load
// run does not: no exchange captured, no 429 retried, no body parsed unless asked.
// With them, the generator reached about 60 % of autocannon's rate on loopback.

export interface LoadResponse {
  readonly status: number
  readonly text: string
}

export type LoadSend = (request: HttpRequest) => Promise<LoadResponse>

export interface LoadTarget {
  readonly baseUrl: string
  readonly token: string
  readonly headers?: Readonly<Record<string, string>>
  readonly timeoutMs: number
}

export function loadTransport(http: Http, target: LoadTarget): LoadSend {
  const headers = { accept: 'application/scim+json', ...target.headers, authorization: `Bearer ${target.token}` }
  const jsonHeaders = { ...headers, 'content-type': 'application/scim+json' }
  return async (req) => {
    const url = target.baseUrl + req.path + (req.query ? '?' + new URLSearchParams(req.query).toString() : '')
    try {
      const res = await request(url, {
        method: req.method, dispatcher: http.dispatcher,
        headers: req.body === undefined ? headers : jsonHeaders,
        ...(req.body === undefined ? {} : { body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) }),
      })
      return { status: res.statusCode, text: await res.body.text() }
    } catch (error) {
      throw new Error(`${req.method} ${req.path}: ${describeTransportError(error, target.timeoutMs)}`)
    }
  }
}

/** The parsed body, or undefined when it is empty or not JSON. */
export function jsonOf(response: LoadResponse): unknown {
  try {
    return response.text ? JSON.parse(response.text) : undefined
  } catch {
    return undefined
  }
}
