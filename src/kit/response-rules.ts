// Rules on a returned resource that JSON Schema cannot state: values that must agree
// with each other, with the request, or with the endpoint that answered.

import type { AttributeDefinition } from '../scim/schema-model.ts'
import type { Violation } from '../validate.ts'
import { escapePointerToken } from '../validate.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'
import { enterpriseUserSchema, groupSchema, userSchema } from '../scim/core-schemas.ts'
import { XSD_DATE_TIME_PATTERN } from '../scim/json-schema.ts'

export interface ResourceContext {
  /** The endpoint the resource was read from or written to, e.g. https://host/scim/v2/Users. */
  readonly endpointUrl: string
  /** The id the client asked for or was given earlier; the server must return the same one. */
  readonly expectedId?: string
}

const CORE = {
  User: { urn: SCHEMA_URN.user, section: '4.1', attributes: userSchema.attributes, extensions: [enterpriseUserSchema] },
  Group: { urn: SCHEMA_URN.group, section: '4.2', attributes: groupSchema.attributes, extensions: [] },
} as const

type JsonRecord = Record<string, unknown>

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const dateTimePattern = new RegExp(XSD_DATE_TIME_PATTERN)

/** RFC 7643 section 2.3.5: an xsd:dateTime that is also a real calendar instant. */
export function isXsdDateTime(value: unknown): boolean {
  if (typeof value !== 'string' || !dateTimePattern.test(value)) return false
  // Date.parse rolls 30 February over into March, so the day is checked against the month.
  const [year, month, day] = value.replace(/^-/, '').split('T')[0]?.split('-').map(Number) ?? []
  if (year === undefined || month === undefined || day === undefined) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function neverReturned(attributes: readonly AttributeDefinition[]): string[] {
  return attributes.filter((a) => a.returned === 'never').map((a) => a.name)
}

/** RFC 7643 section 7 "returned": never: present under any case of its name (section 2.1). */
function checkNeverReturned(container: JsonRecord, attributes: readonly AttributeDefinition[], pointerBase: string, section: string): Violation[] {
  const out: Violation[] = []
  for (const name of neverReturned(attributes)) {
    for (const key of Object.keys(container)) {
      if (key.toLowerCase() !== name.toLowerCase()) continue
      out.push({
        pointer: `${pointerBase}/${escapePointerToken(key)}`,
        rule: `RFC7643 ${section} ${name} is never returned`,
        message: `"${key}" has returned "never" (RFC 7643 section 7) but is present in the response`,
      })
    }
  }
  return out
}

function lastPathSegment(url: string): string | undefined {
  const pathPart = url.replace(/[?#].*$/, '').replace(/\/+$/, '')
  const segment = pathPart.slice(pathPart.lastIndexOf('/') + 1)
  return segment === '' ? undefined : segment
}

/**
 * Checks one returned User or Group: id present, non-empty and stable (RFC 7643
 * section 3.1), meta consistent with the kind and the endpoint (section 3.1),
 * returned:never attributes absent (section 7), and `schemas` listing the core
 * schema and every extension whose URN key is in the body (section 3, 3.3).
 */
export function checkResourceRules(kind: 'User' | 'Group', body: unknown, context: ResourceContext): Violation[] {
  if (!isRecord(body)) return [{ pointer: '', rule: `RFC7643 ${CORE[kind].section} a ${kind} is a JSON object`, message: 'the body is not a JSON object' }]
  const out: Violation[] = []
  const core = CORE[kind]
  const id = body['id']
  if (typeof id !== 'string' || id === '') {
    out.push({ pointer: '/id', rule: 'RFC7643 3.1 id is present', message: `every returned resource carries a non-empty id; got ${JSON.stringify(id) ?? 'nothing'}` })
  } else if (context.expectedId !== undefined && id !== context.expectedId) {
    out.push({ pointer: '/id', rule: 'RFC7643 3.1 id is stable', message: `expected id "${context.expectedId}", got "${id}"` })
  }

  const meta = body['meta']
  if (!isRecord(meta)) {
    out.push({ pointer: '/meta', rule: 'RFC7643 3.1 meta is present', message: 'every returned resource carries meta' })
  } else {
    if (meta['resourceType'] !== kind) {
      out.push({ pointer: '/meta/resourceType', rule: 'RFC7643 3.1 meta.resourceType names the resource type', message: `expected "${kind}", got ${JSON.stringify(meta['resourceType']) ?? 'nothing'}` })
    }
    const location = meta['location']
    const segment = lastPathSegment(context.endpointUrl) ?? `${kind}s`
    if (typeof id === 'string' && id !== '') {
      const suffixes = [`/${segment}/${id}`, `/${segment}/${encodeURIComponent(id)}`]
      if (typeof location !== 'string' || !suffixes.some((s) => location.replace(/\/+$/, '').endsWith(s))) {
        out.push({ pointer: '/meta/location', rule: 'RFC7643 3.1 meta.location is the URI of the resource', message: `expected a URI ending in /${segment}/${id}, got ${JSON.stringify(location) ?? 'nothing'}` })
      }
    }
    for (const field of ['created', 'lastModified'] as const) {
      if (!isXsdDateTime(meta[field])) {
        out.push({ pointer: `/meta/${field}`, rule: `RFC7643 3.1 meta.${field} is a dateTime`, message: `expected an xsd:dateTime (RFC 7643 section 2.3.5), got ${JSON.stringify(meta[field]) ?? 'nothing'}` })
      }
    }
  }

  out.push(...checkNeverReturned(body, core.attributes, '', `${core.section}${kind === 'User' ? '.1' : ''}`))
  for (const extension of core.extensions) {
    const key = Object.keys(body).find((k) => k.toLowerCase() === extension.id.toLowerCase())
    const value = key === undefined ? undefined : body[key]
    if (key !== undefined && isRecord(value)) out.push(...checkNeverReturned(value, extension.attributes, `/${escapePointerToken(key)}`, '4.3'))
  }

  out.push(...checkSchemasList(body, core.urn))
  return out
}

function checkSchemasList(body: JsonRecord, coreUrn: string): Violation[] {
  const schemas = body['schemas']
  // A missing or malformed `schemas` is a shape violation the JSON Schema reports.
  if (!Array.isArray(schemas)) return []
  const listed = new Set(schemas.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()))
  const out: Violation[] = []
  if (!listed.has(coreUrn.toLowerCase())) {
    out.push({ pointer: '/schemas', rule: 'RFC7643 3 schemas lists the core schema', message: `"${coreUrn}" is not listed in schemas` })
  }
  for (const key of Object.keys(body)) {
    if (!key.toLowerCase().startsWith('urn:') || listed.has(key.toLowerCase())) continue
    out.push({ pointer: '/schemas', rule: 'RFC7643 3 schemas lists every extension present', message: `the body carries extension "${key}" but schemas does not list it` })
  }
  return out
}

export type ContentTypeVerdict = 'ok' | 'warn-json' | 'fail'

/**
 * RFC 7644 section 3.1 and 8.1: SCIM responses are application/scim+json.
 * application/json is what many servers send and Entra accepts, so it warns.
 */
export function checkContentType(header: string | undefined): ContentTypeVerdict {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase()
  if (mediaType === 'application/scim+json') return 'ok'
  if (mediaType === 'application/json') return 'warn-json'
  return 'fail'
}
