import type { Handle } from '../../src/server/index.ts'
import type { JsonValue } from '../../src/scim/types.ts'
import type { Variant } from './variant.ts'

// RFC 7643 section 2.2: "If the attribute is case insensitive, the server MAY alter
// case for a submitted value." emails.value is caseExact=false (section 8.7.1), and
// many servers store addresses in lower case.

const isObject = (v: JsonValue | undefined): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An emails value (a list, one element, or the address itself) with every address lower-cased. */
function lowerEmails(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.toLowerCase()
  if (Array.isArray(value)) return value.map(lowerEmails)
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k.toLowerCase() === 'value' && typeof v === 'string' ? v.toLowerCase() : v]))
  return value
}

const namesEmails = (key: string): boolean => /^emails(\[|\.|$)/i.test(key)

/** A resource body, or a path-less PATCH value: every key naming emails gets lower-cased addresses. */
function inBody(body: JsonValue): JsonValue {
  if (!isObject(body)) return body
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, namesEmails(k) ? lowerEmails(v) : v]))
}

function lowerCased(method: string, body: JsonValue): JsonValue {
  if (method !== 'PATCH') return inBody(body)
  if (!isObject(body) || !Array.isArray(body.Operations)) return body
  return {
    ...body,
    Operations: body.Operations.map((op) => {
      if (!isObject(op) || op.value === undefined) return op
      const path = typeof op.path === 'string' ? op.path : undefined
      return { ...op, value: path === undefined ? inBody(op.value) : namesEmails(path) ? lowerEmails(op.value) : op.value }
    }),
  }
}

function emailsLowerCased(handle: Handle): Handle {
  return (req) => {
    if (!/^\/Users(\/[^/.][^/]*)?$/.test(req.path) || !['POST', 'PUT', 'PATCH'].includes(req.method)) return handle(req)
    let body: string
    try {
      body = JSON.stringify(lowerCased(req.method, JSON.parse(req.body) as JsonValue))
    } catch {
      return handle(req) // not JSON, or nested too deep to rewrite: the server judges it as sent
    }
    return handle({ ...req, body })
  }
}

export const caseFoldVariants: readonly Variant[] = [
  { id: 'emails-lower-cased', difference: 'stores every email address in lower case', wrap: emailsLowerCased },
]
