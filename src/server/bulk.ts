// POST /Bulk (RFC 7644 section 3.7): operations run one by one through the same
// routes as single requests, "bulkId:<id>" references resolve to the ids the
// request's own POSTs were given (3.7.2), an operation waits for the operations it
// references (so order in the request does not matter), references that form a
// cycle are refused with 409 (3.7.1 allows giving up on a cycle), failOnErrors stops
// processing (3.7), and maxOperations / maxPayloadSize are enforced with 413 (3.7.4).

import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue } from '../scim/types.ts'
import type { ServerContext } from './context.ts'
import type { ScimHttpRequest, ScimHttpResponse } from './handle.ts'
import { isObject } from './resource-input.ts'
import { errorResponse, jsonResponse, ScimProblem } from './response.ts'

export type Dispatch = (req: ScimHttpRequest) => ScimHttpResponse

interface BulkOperation {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly bulkId: string | undefined
  readonly version: string | undefined
  readonly data: JsonValue | undefined
  /** bulkIds this operation references, in path or data. */
  readonly references: readonly string[]
}

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const
const REFERENCE = /^bulkId:(.+)$/

export function processBulk(context: ServerContext, req: ScimHttpRequest, read: (req: ScimHttpRequest) => JsonValue, dispatch: Dispatch): ScimHttpResponse {
  const { bulkMaxOperations, bulkMaxPayloadSize } = context.features
  const size = Buffer.byteLength(req.body, 'utf8')
  if (size > bulkMaxPayloadSize) throw new ScimProblem(413, `The bulk request is ${size} bytes; maxPayloadSize is ${bulkMaxPayloadSize}.`)
  const body = read(req)
  if (!isObject(body) || !Array.isArray(body['schemas']) || !body['schemas'].includes(SCHEMA_URN.bulkRequest)) {
    throw new ScimProblem(400, `A BulkRequest must list ${SCHEMA_URN.bulkRequest} in "schemas".`, 'invalidSyntax')
  }
  const raw = body['Operations']
  if (!Array.isArray(raw)) throw new ScimProblem(400, 'A BulkRequest must carry an "Operations" array.', 'invalidSyntax')
  if (raw.length > bulkMaxOperations) throw new ScimProblem(413, `The bulk request has ${raw.length} operations; maxOperations is ${bulkMaxOperations}.`)
  const failOnErrors = body['failOnErrors']
  if (failOnErrors !== undefined && (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1)) {
    throw new ScimProblem(400, '"failOnErrors" must be a positive integer.', 'invalidValue')
  }
  const operations = raw.map(readOperation)
  const declared = new Set<string>()
  for (const op of operations) {
    if (op.bulkId === undefined) continue
    if (declared.has(op.bulkId)) throw new ScimProblem(400, `bulkId "${op.bulkId}" appears twice (RFC 7644 section 3.7.2).`, 'invalidSyntax')
    declared.add(op.bulkId)
  }

  const resolved = new Map<string, string>()
  const settled = new Set<string>()
  const pending = [...operations]
  const results: JsonObject[] = []
  let errors = 0
  const stopped = (): boolean => failOnErrors !== undefined && errors >= failOnErrors
  while (pending.length > 0 && !stopped()) {
    // Ready: every reference is resolved, failed, or names no operation of this request.
    const next = pending.findIndex((op) => op.references.every((ref) => settled.has(ref) || !declared.has(ref)))
    if (next === -1) break
    const [op] = pending.splice(next, 1) as [BulkOperation]
    const result = runOperation(context, req, op, resolved, dispatch)
    if (op.bulkId !== undefined) settled.add(op.bulkId)
    if (Number(result['status']) >= 400) errors++
    results.push(result)
  }
  if (!stopped()) {
    // What is left waits on itself through a cycle of bulkId references.
    for (const op of pending) {
      results.push(failure(op, errorResponse(409, `The bulkId references of this operation form a cycle (${op.references.join(', ')}); it was not processed.`), `${context.baseUrl}${op.path}`))
    }
  }
  return jsonResponse(200, { schemas: [SCHEMA_URN.bulkResponse], Operations: results })
}

function readOperation(value: JsonValue, index: number): BulkOperation {
  const where = `Operations[${index}]`
  if (!isObject(value)) throw new ScimProblem(400, `${where} must be an object.`, 'invalidSyntax')
  const method = typeof value['method'] === 'string' ? value['method'].toUpperCase() : ''
  const known = METHODS.find((m) => m === method)
  if (known === undefined) throw new ScimProblem(400, `${where}.method must be one of ${METHODS.join(', ')}.`, 'invalidSyntax')
  const path = value['path']
  if (typeof path !== 'string' || !path.startsWith('/')) throw new ScimProblem(400, `${where}.path must be a path such as "/Users".`, 'invalidSyntax')
  const bulkId = value['bulkId']
  if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === '')) throw new ScimProblem(400, `${where}.bulkId must be a non-empty string.`, 'invalidSyntax')
  if (known === 'POST' && bulkId === undefined) throw new ScimProblem(400, `${where} is a POST and must carry a bulkId (RFC 7644 section 3.7).`, 'invalidSyntax')
  const version = typeof value['version'] === 'string' ? value['version'] : undefined
  const data = value['data']
  return { method: known, path, bulkId, version, data, references: [...new Set([...referencesIn(path), ...referencesIn(data)])] }
}

function referencesIn(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') {
    const inPath = /(?:^|\/)bulkId:([^/]+)/.exec(value)
    const whole = REFERENCE.exec(value)
    return whole ? [whole[1] as string] : inPath ? [inPath[1] as string] : []
  }
  if (Array.isArray(value)) return value.flatMap(referencesIn)
  if (isObject(value)) return Object.values(value).flatMap(referencesIn)
  return []
}

function substitute(value: JsonValue, resolved: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === 'string') return value.replace(/bulkId:([^/]+)/, (whole, id: string) => resolved.get(id) ?? whole)
  if (Array.isArray(value)) return value.map((v) => substitute(v, resolved))
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, resolved)]))
  return value
}

function runOperation(context: ServerContext, outer: ScimHttpRequest, op: BulkOperation, resolved: Map<string, string>, dispatch: Dispatch): JsonObject {
  const unresolved = op.references.filter((ref) => !resolved.has(ref))
  if (unresolved.length > 0) {
    return failure(op, errorResponse(409, `bulkId ${unresolved.join(', ')} could not be resolved: no operation of this request created it.`, 'invalidValue'), `${context.baseUrl}${op.path}`)
  }
  const path = substitute(op.path, resolved) as string
  const location = `${context.baseUrl}${path}`
  const target = /^\/(Users|Groups)(\/[^/]+)?$/.exec(path)
  const namesResource = target?.[2] !== undefined
  if (target === null || namesResource === (op.method === 'POST')) {
    return failure(op, errorResponse(400, `${op.method} ${path} is not a bulk operation this server supports.`, 'invalidPath'), location)
  }
  const headers: Record<string, string> = { ...outer.headers, 'content-type': 'application/scim+json' }
  delete headers['content-length']
  if (op.version !== undefined) headers['if-match'] = op.version
  const body = op.method === 'DELETE' ? '' : JSON.stringify(op.data === undefined ? {} : substitute(op.data, resolved))
  let response: ScimHttpResponse
  try {
    response = dispatch({ method: op.method, path, query: new URLSearchParams(), headers, body })
  } catch (error) {
    if (!(error instanceof ScimProblem)) throw error
    response = error.toResponse()
  }
  if (response.status >= 400) return failure(op, response, location)
  const id = (parse(response.body) as { id?: unknown } | undefined)?.id
  if (op.method === 'POST' && op.bulkId !== undefined && typeof id === 'string') resolved.set(op.bulkId, id)
  return {
    method: op.method,
    ...(op.bulkId === undefined ? {} : { bulkId: op.bulkId }),
    ...(response.headers['etag'] === undefined ? {} : { version: response.headers['etag'] }),
    location: response.headers['location'] ?? location,
    status: String(response.status),
  }
}

/**
 * RFC 7644 section 3.7.3: a failed operation carries its status and the SCIM Error as
 * "response"; every result but a failed POST's carries its location.
 */
function failure(op: BulkOperation, response: ScimHttpResponse, location: string): JsonObject {
  const result: JsonObject = { method: op.method, status: String(response.status) }
  if (op.bulkId !== undefined) result['bulkId'] = op.bulkId
  if (op.method !== 'POST') result['location'] = location
  const body = parse(response.body)
  if (body !== undefined) result['response'] = body
  return result
}

function parse(text: string | undefined): JsonValue | undefined {
  if (text === undefined || text === '') return undefined
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return undefined
  }
}
