import { setTimeout as sleep } from 'node:timers/promises'
import { Agent, request, type Dispatcher } from 'undici'
import type { PermitSource } from './permits.ts'
import { redactHeaders, redactUrl, truncateBody, type Exchange } from './exchange.ts'
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDecision, type RetryPolicy } from './retry.ts'
import { createRateLimiter } from './rate-limit.ts'
import { tlsConnectOptions, type TlsSettings } from './tls.ts'
import { fixedToken, type TokenSource } from './oauth.ts'
import type { Throttling } from '../report/model.ts'

// The one transport every request goes through: a bearer token (fixed, or
// client credentials renewed before expiry and on 401), the user's extra
// headers, one undici Agent (its connection cap is the concurrency limit, its
// TLS options the run's trust), --rate spacing, 429/503 retried as the server
// asks, and an Exchange captured for every request, secrets already redacted.

export interface HttpSettings {
  readonly baseUrl: string
  /** A fixed bearer token, or a source that renews it. */
  readonly token: string | TokenSource
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly connections: number
  readonly retry?: RetryPolicy
  /** Requests per second this Http may send (its share of --rate). */
  readonly ratePerSecond?: number
  readonly tls?: TlsSettings
  /** Epoch ms (--run-timeout): no throttling wait is taken that would end after it. */
  readonly deadlineMs?: number
  /**
   * Epoch ms (--run-timeout) after which a check may send nothing but DELETEs: the run is over,
   * and only cleanup still goes out. A request in flight then is cut off. Workers only: the
   * main process's sweep must still search for strays.
   */
  readonly stopAtMs?: number
  /** The run-wide concurrency limit shared by every worker (src/client/permits.ts); held only while a request is in flight. */
  readonly permits?: PermitSource
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

/** The run stopped (--run-timeout) before this request went out: the check did not finish, it did not fail. */
export class RunStopped extends Error {
  override readonly name = 'RunStopped'
}

export interface Http {
  /** Sends the request, retrying 429/503 within the retry policy; the response is the last attempt's. */
  send(request: HttpRequest): Promise<HttpResponse>
  /** Throttling seen since the last drain (each 429/503 counted once, whoever drains it). */
  drainThrottling(): Throttling
  /** The Agent, for requests outside the SCIM base URL with the same TLS trust (the token endpoint). */
  readonly dispatcher: Dispatcher
  close(): Promise<void>
}

const IDEMPOTENT = new Set<HttpRequest['method']>(['GET', 'PUT', 'DELETE'])

export const noThrottling = (): Throttling => ({ responses429: 0, responses503: 0, waitedMs: 0, gaveUp: 0 })

export function createHttp(settings: HttpSettings): Http {
  const agent = new Agent({
    connections: settings.connections, headersTimeout: settings.timeoutMs, bodyTimeout: settings.timeoutMs,
    ...(settings.tls ? { connect: tlsConnectOptions(settings.tls) } : {}),
  })
  const secretHeaderNames = new Set(Object.keys(settings.headers).map((h) => h.toLowerCase()))
  const tokens = typeof settings.token === 'string' ? fixedToken(settings.token) : settings.token
  const policy = settings.retry ?? DEFAULT_RETRY_POLICY
  const limiter = settings.ratePerSecond === undefined ? undefined : createRateLimiter(settings.ratePerSecond)
  let throttling: { -readonly [K in keyof Throttling]: Throttling[K] } = noThrottling()
  // How long the last answers took, so a timeout can say whether the server is slow or just this request.
  const recentMs: number[] = []

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const defaultAuth = (req.auth ?? { kind: 'default' }).kind === 'default'
    let token = defaultAuth ? await tokens.current() : undefined
    let renewed = false
    let resent = false
    for (let attempt = 0; ; ) {
      refuseAfterStop(req)
      await limiter?.acquire()
      refuseAfterStop(req)
      const release = await settings.permits?.acquire()
      let response: HttpResponse
      try {
        response = await sendOnce(req, token)
      } catch (error) {
        // A server may close an idle keep-alive connection just as it is reused: an idempotent
        // request is sent once more on a fresh one before that counts as no answer.
        if (!(error instanceof TransportError) || resent || !IDEMPOTENT.has(req.method) || !/closed the connection/.test(error.message)) throw error
        resent = true
        continue
      } finally {
        release?.()
      }
      if (response.status === 401 && token !== undefined && tokens.refreshable && !renewed) {
        renewed = true
        token = await tokens.renew(token)
        continue
      }
      if (!isRetryableStatus(response.status)) return response
      if (response.status === 429) throttling.responses429++
      else throttling.responses503++
      const decision = retryDecision({
        status: response.status, retryAfter: response.headers['retry-after'], attempt, policy,
        nowMs: Date.now(), random: Math.random, ...(settings.deadlineMs === undefined ? {} : { deadlineMs: settings.deadlineMs }),
      })
      if (!decision.retry) {
        throttling.gaveUp++
        return response
      }
      throttling.waitedMs += decision.delayMs
      await sleep(decision.delayMs)
      attempt++
    }
  }

  function refuseAfterStop(req: HttpRequest): void {
    if (settings.stopAtMs !== undefined && req.method !== 'DELETE' && Date.now() >= settings.stopAtMs) {
      throw new RunStopped(`${req.method} ${req.path} not sent: the run stopped at --run-timeout`)
    }
  }

  async function sendOnce(req: HttpRequest, token: string | undefined): Promise<HttpResponse> {
    const url = settings.baseUrl + req.path + (req.query ? '?' + new URLSearchParams(req.query).toString() : '')
    const headers: Record<string, string> = { accept: 'application/scim+json', ...settings.headers }
    const auth = req.auth ?? { kind: 'default' }
    if (token !== undefined) headers.authorization = `Bearer ${token}`
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
      url: redactUrl(url),
      requestHeaders: redactHeaders(headers, secretHeaderNames),
      ...(body === undefined ? {} : { requestBody: truncateBody(body) }),
      responseHeaders: {},
      durationMs: Math.round(performance.now() - started),
      ...part,
    })
    const untilStop = settings.stopAtMs === undefined || req.method === 'DELETE' ? Infinity : settings.stopAtMs - Date.now()
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body,
        dispatcher: agent,
        signal: AbortSignal.timeout(Math.max(0, Math.min(settings.timeoutMs, untilStop))),
      })
      const text = await res.body.text()
      const responseHeaders = flattenHeaders(res.headers)
      const exchange = capture({ status: res.statusCode, responseHeaders, ...(text ? { responseBody: truncateBody(text) } : {}) })
      recentMs.push(exchange.durationMs)
      if (recentMs.length > 5) recentMs.shift()
      return { method: req.method, path: req.path, status: res.statusCode, headers: responseHeaders, text, json: parseJson(text), exchange }
    } catch (error) {
      if (untilStop < settings.timeoutMs && settings.stopAtMs !== undefined && Date.now() >= settings.stopAtMs) {
        throw new RunStopped(`${req.method} ${req.path} cut off: the run stopped at --run-timeout`)
      }
      const reason = describeTransportError(error, settings.timeoutMs, recentMs)
      throw new TransportError(`${req.method} ${url}: ${reason}`, capture({ error: reason }))
    }
  }

  return {
    send,
    dispatcher: agent,
    drainThrottling() {
      const drained = throttling
      throttling = noThrottling()
      return drained
    },
    close: () => agent.close(),
  }
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

export function describeTransportError(error: unknown, timeoutMs: number, recentMs: readonly number[] = []): string {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } }
  const code = e.cause?.code ?? e.code
  if (e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    const average = recentMs.length ? recentMs.reduce((a, b) => a + b, 0) / recentMs.length : undefined
    const recent = average === undefined ? '' : `; the last ${recentMs.length} answers took ${(average / 1000).toFixed(1)} s on average`
    return `no answer within ${timeoutMs / 1000} s${recent} (raise --timeout if the server is slow)`
  }
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running, and is the port right?)'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found (check the host in --url)'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the server closed the connection'
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `TLS failed: the certificate does not name this host (${code}); check the host in --url`
  if (code?.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
    return `TLS failed: the certificate is not trusted (${code}); pass --ca <file> with the CA that issued it (--insecure skips verification, for tests only)`
  }
  if (code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL')) return `TLS failed (${code})`
  return (code ? `${code}: ` : '') + (e.cause?.message ?? e.message ?? String(error))
}
