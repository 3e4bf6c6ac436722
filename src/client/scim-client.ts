import type { Exchange } from './exchange.ts'
import type { Http, HttpRequest, HttpResponse } from './http.ts'
import type { Observation } from '../kit/run-config.ts'
import { operationOf, type TimingSample } from '../report/latency.ts'
import { appendJournal, endpointOf, type ResourceKind } from '../run/tracker.ts'

// A check's view of the target. One per check, so concurrent checks never mix
// their evidence; all share the worker's Http (one connection pool).
// Safety lives here, in one place: PUT, PATCH and DELETE go only to resources
// this run created, and every create is journaled the moment it is answered.

export interface Session {
  readonly http: Http
  readonly journalPath: string
  /** `${kind}/${id}` of every resource this worker created (deleted ones stay: deleting twice must be allowed). */
  readonly owned: Set<string>
  /** What this worker created and has not deleted yet, keyed like `owned`: deleted when its suite file ends. */
  readonly live: Map<string, { readonly kind: ResourceKind; readonly id: string }>
  /** --read-only: any write is refused before it is sent (a bug in a check marked readOnly). */
  readonly readOnly?: boolean
  readonly observe?: (response: HttpResponse, expect: string, asked: { readonly projected: boolean }) => Observation[]
}

export type Expect = string

export class ScimClient {
  readonly exchanges: Exchange[] = []
  readonly observations: Observation[] = []
  /** Shared with forks, so a property check's iterations all count as the check's traffic. */
  readonly timings: TimingSample[]
  /** --record all: every exchange of the check and of its forks, in the order they end; absent, none is kept beyond `exchanges`. */
  readonly recorded: Exchange[] | undefined
  readonly #session: Session

  constructor(session: Session, timings: TimingSample[] = [], recorded?: Exchange[]) {
    this.#session = session
    this.timings = timings
    this.recorded = recorded
  }

  /** Any request. `expect` names the response schema the body must match (validated and recorded). */
  async send(request: HttpRequest & { readonly expect?: Expect }): Promise<HttpResponse> {
    if (this.#session.readOnly && request.method !== 'GET' && request.auth?.kind !== 'none') {
      throw new Error(`scim-conform refused to send ${request.method} ${request.path}: the run is --read-only`)
    }
    if (request.method === 'PUT' || request.method === 'PATCH' || request.method === 'DELETE') this.#ensureOwnedPath(request.method, request.path)
    const response = await this.#session.http.send(request).catch((error: unknown) => {
      const exchange = (error as { exchange?: Exchange }).exchange
      if (exchange) this.exchanges.push(exchange)
      if (exchange) this.recorded?.push(exchange)
      throw error
    })
    this.exchanges.push(response.exchange)
    this.recorded?.push(response.exchange)
    this.timings.push({ operation: operationOf(request.method, request.path, request.query?.filter !== undefined), ms: response.exchange.durationMs })
    if (request.expect && this.#session.observe) {
      for (const observation of this.#session.observe(response, request.expect, { projected: asksForAttributes(request) })) {
        this.observations.push(observation.violations.length > 0 ? { ...observation, exchange: response.exchange } : observation)
      }
    }
    return response
  }

  /** POST a new resource; a 2xx answer with an id is journaled at once. */
  async create(kind: ResourceKind, body: unknown, extra: Partial<HttpRequest> = {}): Promise<HttpResponse> {
    const response = await this.send({ ...extra, method: 'POST', path: endpointOf(kind), body, expect: kind })
    const id = (response.json as { id?: unknown } | undefined)?.id
    if (response.status >= 200 && response.status < 300 && typeof id === 'string' && id !== '') {
      this.#session.owned.add(`${kind}/${id}`)
      this.#session.live.set(`${kind}/${id}`, { kind, id })
      appendJournal(this.#session.journalPath, { op: 'created', kind, id, at: new Date().toISOString() })
    }
    return response
  }

  get(kind: ResourceKind, id: string, query?: Record<string, string>): Promise<HttpResponse> {
    return this.send({ method: 'GET', path: `${endpointOf(kind)}/${encodeURIComponent(id)}`, ...(query ? { query } : {}), expect: kind })
  }

  list(kind: ResourceKind, query: Record<string, string>): Promise<HttpResponse> {
    return this.send({ method: 'GET', path: endpointOf(kind), query, expect: `ListResponse<${kind}>` })
  }

  async patch(kind: ResourceKind, id: string, body: unknown, extra: Partial<HttpRequest> = {}): Promise<HttpResponse> {
    this.#ensureOwned(kind, id, 'PATCH')
    return this.send({ ...extra, method: 'PATCH', path: `${endpointOf(kind)}/${encodeURIComponent(id)}`, body, expect: kind })
  }

  async put(kind: ResourceKind, id: string, body: unknown, extra: Partial<HttpRequest> = {}): Promise<HttpResponse> {
    this.#ensureOwned(kind, id, 'PUT')
    return this.send({ ...extra, method: 'PUT', path: `${endpointOf(kind)}/${encodeURIComponent(id)}`, body, expect: kind })
  }

  async delete(kind: ResourceKind, id: string, extra: Partial<HttpRequest> = {}): Promise<HttpResponse> {
    this.#ensureOwned(kind, id, 'DELETE')
    const response = await this.send({ ...extra, method: 'DELETE', path: `${endpointOf(kind)}/${encodeURIComponent(id)}` })
    if (response.status === 204 || response.status === 200) {
      this.#session.live.delete(`${kind}/${id}`)
      appendJournal(this.#session.journalPath, { op: 'deleted', kind, id, at: new Date().toISOString() })
    }
    return response
  }

  /** A client on the same session with its own evidence: one per property-check iteration. */
  fork(): ScimClient {
    return new ScimClient(this.#session, this.timings, this.recorded)
  }

  /** True when this run created the resource. */
  owns(kind: ResourceKind, id: string): boolean {
    return this.#session.owned.has(`${kind}/${id}`)
  }

  /** Every PUT, PATCH and DELETE, however it is sent, goes only to /Users/{id} or /Groups/{id} this run created. */
  #ensureOwnedPath(method: string, path: string): void {
    const match = /^\/(Users|Groups)\/([^/?]+)$/.exec(path)
    if (!match) throw new Error(`scim-conform refused to ${method} ${path}: only resources this run created may be changed`)
    this.#ensureOwned(match[1] === 'Users' ? 'User' : 'Group', decodeURIComponent(match[2] as string), method)
  }

  #ensureOwned(kind: ResourceKind, id: string, method: string): void {
    // A bug in a check, never a verdict: refuse before anything is sent.
    if (!this.owns(kind, id)) throw new Error(`scim-conform refused to ${method} ${kind} ${id}: this run did not create it`)
  }
}

/** attributes= (query or .search body) lets a server leave out "returned: default" attributes such as meta (RFC 7644 3.4.2.5). */
function asksForAttributes(request: HttpRequest): boolean {
  if (request.query?.attributes !== undefined) return true
  return typeof request.body === 'object' && request.body !== null && 'attributes' in request.body
}
