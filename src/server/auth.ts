// RFC 7644 section 2 and RFC 6750: every request carries "Authorization: Bearer <token>".
// A token in the query string (RFC 6750 section 2.3) is refused: Entra never sends one,
// and accepting it would let tokens leak into logs.

import { timingSafeEqual } from 'node:crypto'
import { errorResponse } from './response.ts'
import type { ScimHttpRequest, ScimHttpResponse } from './handle.ts'

const CHALLENGE = 'Bearer realm="scim"'

/** undefined when the request may proceed, else the 401 to send. */
export function checkBearer(req: ScimHttpRequest, token: string): ScimHttpResponse | undefined {
  const header = req.headers['authorization']
  const match = header === undefined ? null : /^Bearer +(\S+)\s*$/i.exec(header)
  const presented = match?.[1]
  if (presented !== undefined && sameToken(presented, token)) return undefined
  const challenge = presented === undefined ? CHALLENGE : `${CHALLENGE}, error="invalid_token"`
  return errorResponse(401, 'A valid bearer token is required in the Authorization header.', undefined, {
    'www-authenticate': challenge,
  })
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
