import { Agent, request } from 'undici'
import { redactHeaders, truncateBody, type Exchange } from './exchange.ts'

// The one transport every request goes through: a bearer token, the user's
// extra headers, one undici Agent (its connection cap is the concurrency
// limit), and an Exchange captured for every request, secrets already redacted.

export interface HttpSettings {
  readonly baseUrl: string
  readonly token: string
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly connections: number
}

export type AuthMode =
  | { readonly kind: 'default' }
  | { readonly kind: 'none' }
  /** Send exactly this Authorization header value (wrong token, other scheme). */
  | { readonly kind: 'header'; readonly value: string }

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Below the base URL, starting with '/', e.g. '/Users/123'. */
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  /** An object is sent as JSON; a string is sent as it is. */
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly auth?: AuthMode
}

export interface HttpResponse {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  /** The parsed body, or undefined when it is empty or not JSON. */
  readonly json: unknown
  readonly exchange: Exchange
}

/** The request never got a response: connection refused, DNS, TLS, timeout. */
export class TransportError extends Error {
  override readonly name = 'TransportError'
  readonly exchange: Exchange
  constructor(message: string, exchange: Exchange) {
    super(message)
    this.exchange = exchange
  }
}

export interface Http {
  send(request: HttpRequest): Promise<HttpResponse>
  close(): Promise<void>
}

export function createHttp(settings: HttpSettings): Http {
  const agent = new Agent({ connections: settings.connections, headersTimeout: settings.timeoutMs, bodyTimeout: settings.timeoutMs })
  const secretHeaderNames = new Set(Object.keys(settings.headers).map((h) => h.toLowerCase()))

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const url = settings.baseUrl + req.path + (req.query ? '?' + new URLSearchParams(req.query).toString() : '')
    const headers: Record<string, string> = { accept: 'application/scim+json', ...settings.headers }
    const auth = req.auth ?? { kind: 'default' }
    if (auth.kind === 'default') headers.authorization = `Bearer ${settings.token}`
    if (auth.kind === 'header') headers.authorization = auth.value
    let body: string | undefined
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
      headers['content-type'] = 'application/scim+json'
    }
    Object.assign(headers, req.headers)
    const started = performance.now()
    const capture = (part: Partial<Exchange>): Exchange => ({
      method: req.method,
      url,
      requestHeaders: redactHeaders(headers, secretHeaderNames),
      ...(body === undefined ? {} : { requestBody: truncateBody(body) }),
      responseHeaders: {},
      durationMs: Math.round(performance.now() - started),
      ...part,
    })
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body,
        dispatcher: agent,
        signal: AbortSignal.timeout(settings.timeoutMs),
      })
      const text = await res.body.text()
      const responseHeaders = flattenHeaders(res.headers)
      const exchange = capture({ status: res.statusCode, responseHeaders, ...(text ? { responseBody: truncateBody(text) } : {}) })
      return { method: req.method, path: req.path, status: res.statusCode, headers: responseHeaders, text, json: parseJson(text), exchange }
    } catch (error) {
      const reason = describeTransportError(error, settings.timeoutMs)
      throw new TransportError(`${req.method} ${url}: ${reason}`, capture({ error: reason }))
    }
  }

  return { send, close: () => agent.close() }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export function describeTransportError(error: unknown, timeoutMs: number): string {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } }
  const code = e.cause?.code ?? e.code
  if (e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `no answer within ${timeoutMs} ms (raise --timeout if the server is slow)`
  }
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running, and is the port right?)'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found (check the host in --url)'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the server closed the connection'
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') return `TLS failed (${code})`
  return (code ? `${code}: ` : '') + (e.cause?.message ?? e.message ?? String(error))
}
