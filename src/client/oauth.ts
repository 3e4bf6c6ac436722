import { request, type Dispatcher } from 'undici'
import { REDACTED, truncateBody, type Exchange } from './exchange.ts'
import { describeTransportError } from './http.ts'

// OAuth 2.0 client credentials (RFC 6749 §4.4), as Entra's provisioning service
// uses it: POST application/x-www-form-urlencoded, the client authenticated with
// an "Authorization: Basic" header (client_secret_basic, RFC 6749 §2.3.1), or with
// client_id and client_secret in the body for endpoints that read only those.
// The secret and every issued token are redacted in the captured exchange, so the
// token request can be evidence in the report.

/** Where the client credentials go: Entra sends the Basic header; 'body' is client_secret_post. */
export type CredentialPlacement = 'basic' | 'body'

export interface ClientCredentials {
  readonly tokenUrl: string
  readonly clientId: string
  readonly clientSecret: string
  readonly scope?: string
  /** Default 'basic', as Entra sends them. */
  readonly placement?: CredentialPlacement
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded, joined by ':', then base64 (RFC 7617). */
const basicCredentials = (c: ClientCredentials): string =>
  Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')

/** What the token endpoint answered, without the token itself: data the oauth.* checks judge. */
export interface TokenProbe {
  readonly status?: number
  readonly hasAccessToken: boolean
  readonly tokenType?: string
  /** expires_in in seconds, when the answer had a number there. */
  readonly expiresInS?: number
  readonly exchange: Exchange
  /** Why no token came back (transport failure, status, body), when none did. */
  readonly error?: string
}

export type TokenResult =
  | { readonly ok: true; readonly accessToken: string; readonly probe: TokenProbe }
  | { readonly ok: false; readonly probe: TokenProbe & { readonly error: string } }

const SECRET_FIELDS = ['access_token', 'refresh_token', 'id_token'] as const

export async function requestToken(credentials: ClientCredentials, dispatcher: Dispatcher, timeoutMs: number): Promise<TokenResult> {
  const inBody = credentials.placement === 'body'
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(inBody ? { client_id: credentials.clientId, client_secret: credentials.clientSecret } : {}) })
  if (credentials.scope !== undefined) form.set('scope', credentials.scope)
  const shownForm = new URLSearchParams(form)
  if (inBody) shownForm.set('client_secret', REDACTED)
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
  if (!inBody) headers.authorization = `Basic ${basicCredentials(credentials)}`
  const shownHeaders = inBody ? headers : { ...headers, authorization: `Basic ${REDACTED}` }
  const started = performance.now()
  const exchangeOf = (part: Partial<Exchange>): Exchange => ({
    method: 'POST', url: credentials.tokenUrl, requestHeaders: shownHeaders, requestBody: shownForm.toString(), responseHeaders: {},
    durationMs: Math.round(performance.now() - started), ...part,
  })
  let status: number
  let text: string
  let responseHeaders: Record<string, string>
  try {
    const res = await request(credentials.tokenUrl, { method: 'POST', headers, body: form.toString(), dispatcher, signal: AbortSignal.timeout(timeoutMs) })
    status = res.statusCode
    text = await res.body.text()
    responseHeaders = Object.fromEntries(Object.entries(res.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])))
  } catch (error) {
    const reason = describeTransportError(error, timeoutMs)
    return { ok: false, probe: { hasAccessToken: false, exchange: exchangeOf({ error: reason }), error: `token endpoint ${credentials.tokenUrl}: ${reason}` } }
  }
  const body = parseObject(text)
  const shown = body ? JSON.stringify(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, (SECRET_FIELDS as readonly string[]).includes(k) ? REDACTED : v]))) : text
  const exchange = exchangeOf({ status, responseHeaders, ...(shown ? { responseBody: truncateBody(shown) } : {}) })
  const accessToken = typeof body?.access_token === 'string' && body.access_token !== '' ? body.access_token : undefined
  const expiresIn = Number(body?.expires_in)
  const probe: TokenProbe = {
    status, exchange, hasAccessToken: accessToken !== undefined,
    ...(typeof body?.token_type === 'string' ? { tokenType: body.token_type } : {}),
    ...(body?.expires_in !== undefined && Number.isFinite(expiresIn) ? { expiresInS: expiresIn } : {}),
  }
  if (status < 200 || status > 299) return { ok: false, probe: { ...probe, error: `token endpoint ${credentials.tokenUrl} answered ${status}${tokenError(body)}: check --client-id, --client-secret and --scope` } }
  if (!accessToken) return { ok: false, probe: { ...probe, error: `token endpoint ${credentials.tokenUrl} answered ${status} without an access_token` } }
  return { ok: true, accessToken, probe }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const tokenError = (body: Record<string, unknown> | undefined): string =>
  typeof body?.error === 'string' ? ` (${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''})` : ''

// The bearer token every request carries. A fixed token never changes; a
// client-credentials token is fetched again shortly before it expires, and at
// once when the target answers 401 to it (clock skew, revocation). Concurrent
// requests share one refresh.

export interface TokenSource {
  /** The token to send now (refreshing first when it is about to expire). */
  current(): Promise<string>
  /** The target refused `used`: fetch a new token unless another request already did. */
  renew(used: string): Promise<string>
  readonly refreshable: boolean
}

export interface IssuedToken {
  readonly token: string
  /** Epoch ms; undefined when the endpoint gave no expires_in (then only a 401 renews it). */
  readonly expiresAt?: number
}

export class TokenRefreshFailed extends Error {
  override readonly name = 'TokenRefreshFailed'
}

export function fixedToken(token: string): TokenSource {
  return { current: async () => token, renew: async () => token, refreshable: false }
}

/** Renew when a quarter of the lifetime, at most 60 s, is left. */
const renewMarginMs = (lifetimeMs: number): number => Math.min(60_000, lifetimeMs / 4)

export function issuedAt(result: Extract<TokenResult, { ok: true }>, nowMs: number): IssuedToken {
  const s = result.probe.expiresInS
  return { token: result.accessToken, ...(s !== undefined && s > 0 ? { expiresAt: nowMs + s * 1000 - renewMarginMs(s * 1000) } : {}) }
}

export function refreshingToken(initial: IssuedToken, fetchToken: () => Promise<TokenResult>): TokenSource {
  let issued = initial
  let pending: Promise<IssuedToken> | undefined
  const refresh = (): Promise<IssuedToken> => {
    pending ??= fetchToken().then((result) => {
      if (!result.ok) throw new TokenRefreshFailed(`could not renew the access token: ${result.probe.error}`)
      issued = issuedAt(result, Date.now())
      return issued
    }).finally(() => {
      pending = undefined
    })
    return pending
  }
  return {
    refreshable: true,
    async current() {
      if (issued.expiresAt !== undefined && Date.now() >= issued.expiresAt) return (await refresh()).token
      return issued.token
    },
    async renew(used) {
      if (issued.token !== used) return issued.token
      return (await refresh()).token
    },
  }
}

/** A worker's or the main process's token: `issued` first, then renewed with the same credentials. */
export function clientCredentialsToken(credentials: ClientCredentials, issued: IssuedToken, dispatcher: () => Dispatcher, timeoutMs: number): TokenSource {
  return refreshingToken(issued, () => requestToken(credentials, dispatcher(), timeoutMs))
}
