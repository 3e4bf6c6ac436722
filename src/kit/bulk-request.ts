import type { HttpResponse } from '../client/http.ts'
import type { ScimClient } from '../client/scim-client.ts'
import type { RunConfig } from './run-config.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonObject } from '../scim/types.ts'
import { appendJournal, type ResourceKind } from '../run/tracker.ts'

// A BulkRequest sent by a check, and its BulkResponse read back (RFC 7644 section 3.7).
// Whatever a bulk request creates is journaled the moment the answer is read, as
// ScimClient.create does for single creates, so the sweep removes it.

export interface BulkResult {
  readonly method: string
  readonly bulkId: string | undefined
  /** NaN when the result carries no readable status. */
  readonly status: number
  /**
   * The status as a failure message should quote it: the code, or what came back instead and why
   * it is not one (RFC 7644 3.7.3: "status ... The HTTP response status code"), e.g. SCIM 1.1's
   * {"code":"201"} object.
   */
  readonly statusShown: string
  readonly location: string | undefined
  /** The created or addressed resource, read from location. */
  readonly id: string | undefined
  readonly kind: ResourceKind | undefined
  /** The status inside "response" when the operation failed with a SCIM Error. */
  readonly errorStatus: string | undefined
  readonly raw: unknown
}

export function sendBulk(scim: ScimClient, operations: readonly JsonObject[], failOnErrors?: number): Promise<HttpResponse> {
  const body = { schemas: [SCHEMA_URN.bulkRequest], ...(failOnErrors === undefined ? {} : { failOnErrors }), Operations: operations }
  return scim.send({ method: 'POST', path: '/Bulk', body })
}

/** The results of a 2xx BulkResponse (none otherwise); journals every resource a POST created. */
export async function bulkResults(res: HttpResponse, run: RunConfig): Promise<BulkResult[]> {
  if (res.status < 200 || res.status >= 300) return []
  const operations = (res.json as { Operations?: unknown } | undefined)?.Operations
  const results = (Array.isArray(operations) ? operations : []).map(readResult)
  for (const result of results) {
    if (result.method === 'POST' && result.status >= 200 && result.status < 300 && result.kind !== undefined && result.id !== undefined) {
      appendJournal(run.journalPath, { op: 'created', kind: result.kind, id: result.id, at: new Date().toISOString() })
    }
  }
  return results
}

function readResult(value: unknown): BulkResult {
  const op = (typeof value === 'object' && value !== null ? value : {}) as { method?: unknown; bulkId?: unknown; status?: unknown; location?: unknown; response?: unknown }
  const location = typeof op.location === 'string' ? op.location : undefined
  const target = location === undefined ? null : /\/(Users|Groups)\/([^/?#]+)$/.exec(location)
  const errorStatus = (op.response as { status?: unknown } | undefined)?.status
  return {
    method: typeof op.method === 'string' ? op.method.toUpperCase() : '',
    bulkId: typeof op.bulkId === 'string' ? op.bulkId : undefined,
    status: typeof op.status === 'number' || typeof op.status === 'string' ? Number(op.status) : Number.NaN,
    statusShown: showStatus(op.status),
    location,
    id: target ? decodeURIComponent(target[2] as string) : undefined,
    kind: target ? (target[1] === 'Users' ? 'User' : 'Group') : undefined,
    errorStatus: typeof errorStatus === 'string' || typeof errorStatus === 'number' ? String(errorStatus) : undefined,
    raw: value,
  }
}

function showStatus(status: unknown): string {
  if (typeof status === 'number' || (typeof status === 'string' && /^\d{3}$/.test(status))) return String(status)
  const shown = status === undefined ? 'no "status" at all' : JSON.stringify(status)
  const scim11 = typeof status === 'object' && status !== null && 'code' in status ? ' (the SCIM 1.1 shape; SCIM 2.0 sends the code itself, e.g. "201")' : ''
  return `${shown}${scim11}, which is not an HTTP status code (RFC 7644 3.7.3)`
}
