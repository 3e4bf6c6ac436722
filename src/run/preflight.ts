import { randomUUID } from 'node:crypto'
import { TransportError, type Http } from '../client/http.ts'
import { requestToken, type ClientCredentials, type TokenProbe, type TokenResult } from '../client/oauth.ts'
import { Agent } from 'undici'
import { probeTls, tlsConnectOptions, tlsWarnings, transportWarnings, type TlsSettings } from '../client/tls.ts'
import { AuthRejected, NotScim, TargetUnreachable } from '../errors.ts'
import { looksScim, notScimMessage } from './scim-answer.ts'
import type { TransportSummary } from '../report/model.ts'

/**
 * Before any check: Entra's own Test Connection probe (a userName filter that matches
 * nothing), then /ServiceProviderConfig. No answer → exit 3 (unreachable); 401/403 → exit 3
 * (credentials rejected); an answer that is not SCIM JSON (an HTML page, a web app's 404)
 * → exit 3 (wrong --url), so no write is ever sent to something that is not a SCIM endpoint.
 * Anything else, a SCIM error included, lets the checks judge the target.
 */
export async function preflight(http: Http, baseUrl: string, credentialsHint = 'check --token or SCIM_CONFORM_TOKEN'): Promise<string> {
  try {
    const users = await http.send({ method: 'GET', path: '/Users', query: { filter: `userName eq "${randomUUID()}"` } })
    if (users.status === 401 || users.status === 403) {
      throw new AuthRejected(`${baseUrl} rejected the credentials (${users.status} on GET /Users): ${credentialsHint}`)
    }
    // A SCIM server answers GET /Users with a list or a SCIM error: a 404 is a path that is not the base URL,
    // unless the same base serves /ServiceProviderConfig, when it is the server's answer to a filter that
    // matches nothing (a defect the checks judge, not a wrong --url).
    if (!looksScim(users)) throw new NotScim(notScimMessage(baseUrl, 'GET /Users', users))
    // A server without /ServiceProviderConfig is for the discovery checks to judge; one that answers it with a web page is not SCIM.
    const config = await http.send({ method: 'GET', path: '/ServiceProviderConfig' })
    if (users.status === 404 && !(config.status === 200 && looksScim(config))) throw new NotScim(notScimMessage(baseUrl, 'GET /Users', users))
    if (config.status < 400 && !looksScim(config)) {
      throw new NotScim(notScimMessage(baseUrl, 'GET /ServiceProviderConfig', config))
    }
    return testConnectionText(users)
  } catch (error) {
    if (error instanceof TransportError) throw new TargetUnreachable(`cannot reach ${baseUrl}: ${error.exchange.error ?? error.message}`)
    throw error
  }
}

/** What Entra's Test Connection would have seen: the status and, for a ListResponse, its totalResults. */
function testConnectionText(users: { readonly status: number; readonly json: unknown }): string {
  const total = (users.json as { totalResults?: unknown } | undefined)?.totalResults
  const answer = typeof total === 'number' ? `${users.status}, a ListResponse with totalResults ${total}` : String(users.status)
  const verdict = users.status === 200 && total === 0 ? 'passes' : 'fails (Entra needs 200 and an empty ListResponse)'
  return `Test Connection (GET /Users?filter=userName eq "<random>"): ${answer}; Entra's Test Connection ${verdict}`
}

/** The run's first client-credentials token and the credentials that got it. */
export interface FirstToken {
  readonly result: Extract<TokenResult, { ok: true }>
  /** What later renewals send: Entra's Basic header, or body credentials when only those worked. */
  readonly credentials: ClientCredentials
  /** The endpoint refused the Basic header that Entra sends; the run went on with body credentials. */
  readonly basicRefused?: TokenProbe
}

/**
 * The run's first client-credentials token, fetched before any check; no token → exit 3.
 * Credentials go in an Authorization: Basic header first, as Entra sends them. An endpoint
 * that refuses that but takes them in the body still lets the run go on, and
 * oauth.client-secret-basic reports what Entra will meet.
 */
export async function firstToken(credentials: ClientCredentials, tls: TlsSettings, timeoutMs: number): Promise<FirstToken> {
  const agent = new Agent({ connect: tlsConnectOptions(tls) })
  try {
    const result = await requestToken(credentials, agent, timeoutMs)
    if (result.ok) return { result, credentials }
    const refusedBasic = credentials.placement !== 'body' && result.probe.status !== undefined && result.probe.status >= 400 && result.probe.status < 500
    if (refusedBasic) {
      const inBody = { ...credentials, placement: 'body' } as const
      const retried = await requestToken(inBody, agent, timeoutMs)
      if (retried.ok) return { result: retried, credentials: inBody, basicRefused: result.probe }
    }
    if (result.probe.status === undefined) throw new TargetUnreachable(`cannot get a token: ${result.probe.error}`)
    throw new AuthRejected(`cannot get a token: ${result.probe.error}`)
  } finally {
    await agent.close()
  }
}

/** How the run reaches the target, probed once in the main process; every warning is also printed by the CLI. */
export async function describeTransport(input: {
  readonly baseUrl: string
  readonly auth: TransportSummary['auth']
  readonly tls: TlsSettings
  readonly rate: number | undefined
  readonly rateOrigin: 'flag' | 'profile' | undefined
  readonly timeoutMs: number
}): Promise<TransportSummary> {
  const tls = await probeTls(input.baseUrl, input.tls, input.timeoutMs)
  return {
    auth: input.auth,
    rate: input.rate ?? null,
    ...(input.rate === undefined || input.rateOrigin === undefined ? {} : { rateOrigin: input.rateOrigin }),
    certificateVerified: !input.tls.insecure,
    tls: tls ?? null,
    warnings: [...transportWarnings(input.baseUrl, input.tls), ...tlsWarnings(tls)],
  }
}
