// One HTTP request and its response, as evidence. Secrets are redacted when the
// exchange is captured, so nothing downstream can leak them.

export interface Exchange {
  readonly method: string
  readonly url: string
  readonly requestHeaders: Readonly<Record<string, string>>
  readonly requestBody?: string
  /** Absent when the request failed before any response (transport error). */
  readonly status?: number
  readonly responseHeaders: Readonly<Record<string, string>>
  readonly responseBody?: string
  readonly durationMs: number
  /** Transport failure (connection refused, timeout, TLS), when there was no response. */
  readonly error?: string
}

export const REDACTED = '<redacted>'
const MAX_BODY = 64 * 1024

/** Replaces every secret value with a marker: the Authorization header always, and any header the user marked secret. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secretHeaderNames: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (lower === 'authorization') out[name] = value.replace(/^(\S+)\s.*$/s, `$1 ${REDACTED}`)
    else if (secretHeaderNames.has(lower)) out[name] = REDACTED
    else out[name] = value
  }
  return out
}

/**
 * The URL with the value of every access_token query parameter (RFC 6750 2.3) replaced by the
 * marker: the query-token probes send the run's real token there to show the server refuses it.
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/gi, `$1${encodeURIComponent(REDACTED)}`)
}

export function truncateBody(body: string): string {
  return body.length > MAX_BODY ? body.slice(0, MAX_BODY) + `\n… (${body.length - MAX_BODY} more characters)` : body
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/**
 * A curl command that replays the exchange. The Authorization header is written
 * with $SCIM_CONFORM_TOKEN, so the command works once the reader exports the token
 * and the report itself still holds no secret.
 */
export function toCurl(exchange: Exchange): string {
  const parts = ['curl', '-i', '-X', exchange.method, shellQuote(exchange.url)]
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    if (name.toLowerCase() === 'content-length') continue
    const replayValue = name.toLowerCase() === 'authorization' && value.startsWith('Bearer ')
      ? 'Bearer $SCIM_CONFORM_TOKEN'
      : value
    parts.push('-H', replayValue.includes('$SCIM_CONFORM_TOKEN') ? `"${name}: ${replayValue}"` : shellQuote(`${name}: ${replayValue}`))
  }
  if (exchange.requestBody !== undefined) parts.push('--data-raw', shellQuote(exchange.requestBody))
  return parts.join(' ')
}
