import { randomUUID } from 'node:crypto'
import { TransportError, type Http } from './client/http.ts'
import { requestToken, type ClientCredentials, type TokenResult } from './client/oauth.ts'
import { Agent } from 'undici'
import { probeTls, tlsConnectOptions, tlsWarnings, transportWarnings, type TlsSettings } from './client/tls.ts'
import { AuthRejected, TargetUnreachable } from './errors.ts'
import type { TransportSummary } from './report/model.ts'

/**
 * Entra's own Test Connection probe, sent before any check: a userName filter
 * that matches nothing. No answer → exit 3 (unreachable); 401/403 → exit 3
 * (credentials rejected). Anything else lets the checks judge the target.
 */
export async function preflight(http: Http, baseUrl: string, credentialsHint = 'check --token or SCIM_CONFORM_TOKEN'): Promise<void> {
  try {
    const res = await http.send({ method: 'GET', path: '/Users', query: { filter: `userName eq "${randomUUID()}"` } })
    if (res.status === 401 || res.status === 403) {
      throw new AuthRejected(`${baseUrl} rejected the credentials (${res.status} on GET /Users): ${credentialsHint}`)
    }
  } catch (error) {
    if (error instanceof TransportError) throw new TargetUnreachable(`cannot reach ${baseUrl}: ${error.exchange.error ?? error.message}`)
    throw error
  }
}

/** The run's first client-credentials token, fetched before any check; no token → exit 3. */
export async function firstToken(credentials: ClientCredentials, tls: TlsSettings, timeoutMs: number): Promise<Extract<TokenResult, { ok: true }>> {
  const agent = new Agent({ connect: tlsConnectOptions(tls) })
  const result = await requestToken(credentials, agent, timeoutMs).finally(() => agent.close())
  if (result.ok) return result
  if (result.probe.status === undefined) throw new TargetUnreachable(`cannot get a token: ${result.probe.error}`)
  throw new AuthRejected(`cannot get a token: ${result.probe.error}`)
}

/** How the run reaches the target, probed once in the main process; every warning is also printed by the CLI. */
export async function describeTransport(input: {
  readonly baseUrl: string
  readonly auth: TransportSummary['auth']
  readonly tls: TlsSettings
  readonly rate: number | undefined
  readonly timeoutMs: number
}): Promise<TransportSummary> {
  const tls = await probeTls(input.baseUrl, input.tls, input.timeoutMs)
  return {
    auth: input.auth,
    rate: input.rate ?? null,
    certificateVerified: !input.tls.insecure,
    tls: tls ?? null,
    warnings: [...transportWarnings(input.baseUrl, input.tls), ...tlsWarnings(tls)],
  }
}
