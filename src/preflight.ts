import { randomUUID } from 'node:crypto'
import { TransportError, type Http } from './client/http.ts'
import { AuthRejected, TargetUnreachable } from './errors.ts'

/**
 * Entra's own Test Connection probe, sent before any check: a userName filter
 * that matches nothing. No answer → exit 3 (unreachable); 401/403 → exit 3
 * (credentials rejected). Anything else lets the checks judge the target.
 */
export async function preflight(http: Http, baseUrl: string): Promise<void> {
  try {
    const res = await http.send({ method: 'GET', path: '/Users', query: { filter: `userName eq "${randomUUID()}"` } })
    if (res.status === 401 || res.status === 403) {
      throw new AuthRejected(`${baseUrl} rejected the credentials (${res.status} on GET /Users): check --token or SCIM_CONFORM_TOKEN`)
    }
  } catch (error) {
    if (error instanceof TransportError) throw new TargetUnreachable(`cannot reach ${baseUrl}: ${error.exchange.error ?? error.message}`)
    throw error
  }
}
