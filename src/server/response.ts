// How every answer of the reference server is shaped: SCIM media type and
// RFC 7644 section 3.12 error bodies.

import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonValue, ScimErrorBody, ScimType } from '../scim/types.ts'
import type { ScimHttpResponse } from './handle.ts'

export const SCIM_MEDIA_TYPE = 'application/scim+json'

export function jsonResponse(status: number, body: JsonValue, headers: Record<string, string> = {}): ScimHttpResponse {
  return { status, headers: { 'content-type': SCIM_MEDIA_TYPE, ...headers }, body: JSON.stringify(body) }
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): ScimHttpResponse {
  return { status, headers }
}

/** RFC 7644 section 3.12: status is a string; scimType only where Table 9 defines one. */
export function errorResponse(
  status: number,
  detail: string,
  scimType?: ScimType,
  headers: Record<string, string> = {},
): ScimHttpResponse {
  const body: ScimErrorBody = { schemas: [SCHEMA_URN.error], status: String(status), detail }
  if (scimType !== undefined) body.scimType = scimType
  return jsonResponse(status, body as unknown as JsonValue, headers)
}

/** A failure inside request processing that becomes an Error response. */
export class ScimProblem extends Error {
  override readonly name = 'ScimProblem'
  readonly status: number
  readonly scimType: ScimType | undefined

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail)
    this.status = status
    this.scimType = scimType
  }

  toResponse(): ScimHttpResponse {
    return errorResponse(this.status, this.message, this.scimType)
  }
}
