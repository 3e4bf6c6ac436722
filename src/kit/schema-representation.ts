// A target's own /Schemas entries: checked against RFC 7643 section 7, read into a
// SchemaDefinition, and turned into a JSON Schema so the target's responses can be
// held to what it declared (RFC 7643 section 7: "attributes" and their characteristics).

import type { AttributeDefinition, AttributeType, Mutability, Returned, SchemaDefinition, Uniqueness } from '../scim/schema-model.ts'
import type { Violation } from '../validate.ts'
import { escapePointerToken } from '../validate.ts'
import { toJsonSchema } from '../scim/json-schema.ts'

const ALLOWED = {
  type: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary'],
  mutability: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
  returned: ['always', 'never', 'default', 'request'],
  uniqueness: ['none', 'server', 'global'],
} as const satisfies Record<string, readonly string[]>

type JsonRecord = Record<string, unknown>

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function violation(pointer: string, rule: string, message: string): Violation {
  return { pointer, rule: `RFC7643 ${rule}`, message }
}

/** The issue asks for no nulls: RFC 7643 section 2.5 treats null as unassigned, so a schema should omit the key. */
function findNulls(value: unknown, pointer: string, out: Violation[]): void {
  if (value === null) {
    out.push(violation(pointer, '7 no characteristic is null', 'null in a schema representation; omit the key instead (RFC 7643 section 2.5)'))
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNulls(item, `${pointer}/${index}`, out))
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) findNulls(item, `${pointer}/${escapePointerToken(key)}`, out)
  }
}

function checkEnum(attribute: JsonRecord, key: keyof typeof ALLOWED, pointer: string, out: Violation[]): void {
  const value = attribute[key]
  if (value === undefined || value === null) return
  const allowed: readonly string[] = ALLOWED[key]
  if (typeof value === 'string' && allowed.includes(value)) return
  const sameIgnoringCase = typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined
  out.push(
    sameIgnoringCase
      ? violation(`${pointer}/${key}`, `7 ${key} is camel-cased`, `"${String(value)}" must be written "${sameIgnoringCase}"`)
      : violation(`${pointer}/${key}`, `7 ${key} is one of ${allowed.join(', ')}`, `got ${JSON.stringify(value)}`),
  )
}

function checkAttribute(attribute: unknown, pointer: string, isSub: boolean, out: Violation[]): void {
  if (!isRecord(attribute)) {
    out.push(violation(pointer, '7 an attribute is a JSON object', `got ${JSON.stringify(attribute)}`))
    return
  }
  const type = attribute['type']
  const present = (key: string): boolean => attribute[key] !== undefined && attribute[key] !== null
  const mustHave = ['name', 'type', 'multiValued', 'required', 'mutability', 'returned']
  // caseExact applies to string-like values; uniqueness to values that can be compared.
  if (type === 'string' || type === 'reference' || type === 'binary') mustHave.push('caseExact')
  if (type !== 'boolean' && type !== 'complex') mustHave.push('uniqueness')
  for (const key of mustHave) {
    if (!present(key)) out.push(violation(`${pointer}/${key}`, `7 attribute declares ${key}`, `attribute ${JSON.stringify(attribute['name'] ?? '?')} has no "${key}"`))
  }
  if (present('name') && (typeof attribute['name'] !== 'string' || attribute['name'] === '')) {
    out.push(violation(`${pointer}/name`, '7 name is a non-empty string', `got ${JSON.stringify(attribute['name'])}`))
  }
  for (const key of ['multiValued', 'required', 'caseExact'] as const) {
    if (present(key) && typeof attribute[key] !== 'boolean') out.push(violation(`${pointer}/${key}`, `7 ${key} is boolean`, `got ${JSON.stringify(attribute[key])}`))
  }
  for (const key of ['type', 'mutability', 'returned', 'uniqueness'] as const) checkEnum(attribute, key, pointer, out)
  for (const key of ['canonicalValues', 'referenceTypes'] as const) {
    const list = attribute[key]
    if (present(key) && !(Array.isArray(list) && list.every((v) => typeof v === 'string'))) {
      out.push(violation(`${pointer}/${key}`, `7 ${key} is an array of strings`, `got ${JSON.stringify(list)}`))
    }
  }
  const subs = attribute['subAttributes']
  if (type === 'complex') {
    // RFC 7643 section 2.3.8: a complex attribute has sub-attributes, none of them complex.
    if (isSub) out.push(violation(`${pointer}/type`, '2.3.8 a sub-attribute is not complex', `sub-attribute ${JSON.stringify(attribute['name'])} is complex`))
    if (!Array.isArray(subs) || subs.length === 0) {
      out.push(violation(`${pointer}/subAttributes`, '7 a complex attribute declares subAttributes', `attribute ${JSON.stringify(attribute['name'])} has none`))
    } else {
      checkAttributeList(subs, `${pointer}/subAttributes`, true, out)
    }
  } else if (present('subAttributes')) {
    out.push(violation(`${pointer}/subAttributes`, '7 only complex attributes have subAttributes', `attribute ${JSON.stringify(attribute['name'])} is ${JSON.stringify(type)}`))
  }
}

function checkAttributeList(list: readonly unknown[], pointer: string, isSub: boolean, out: Violation[]): void {
  const seen = new Set<string>()
  list.forEach((attribute, index) => {
    checkAttribute(attribute, `${pointer}/${index}`, isSub, out)
    const name = isRecord(attribute) && typeof attribute['name'] === 'string' ? attribute['name'].toLowerCase() : undefined
    if (name === undefined) return
    // RFC 7643 section 2.1: names are case-insensitive, so two that differ only in case collide.
    if (seen.has(name)) out.push(violation(`${pointer}/${index}/name`, '2.1 attribute names are unique ignoring case', `"${String((attribute as JsonRecord)['name'])}" is declared twice`))
    seen.add(name)
  })
}

/** Checks one entry of a target's /Schemas against RFC 7643 section 7. */
export function checkSchemaRepresentation(body: unknown): Violation[] {
  const out: Violation[] = []
  if (!isRecord(body)) return [violation('', '7 a schema is a JSON object', `got ${JSON.stringify(body)}`)]
  findNulls(body, '', out)
  if (typeof body['id'] !== 'string' || body['id'] === '') out.push(violation('/id', '7 id is the schema URI', `got ${JSON.stringify(body['id']) ?? 'nothing'}`))
  const attributes = body['attributes']
  if (!Array.isArray(attributes)) out.push(violation('/attributes', '7 attributes is an array', `got ${JSON.stringify(attributes) ?? 'nothing'}`))
  else checkAttributeList(attributes, '/attributes', false, out)
  return out
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback
}

function readAttribute(raw: unknown): AttributeDefinition | undefined {
  if (!isRecord(raw) || typeof raw['name'] !== 'string' || typeof raw['type'] !== 'string') return undefined
  const type = pick<AttributeType>(raw['type'], ALLOWED.type, 'string')
  if (type !== raw['type']) return undefined
  const strings = (v: unknown): readonly string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined)
  const subAttributes = Array.isArray(raw['subAttributes']) ? raw['subAttributes'].map(readAttribute).filter((a) => a !== undefined) : undefined
  const canonicalValues = strings(raw['canonicalValues'])
  const referenceTypes = strings(raw['referenceTypes'])
  // Characteristics a target leaves out take the RFC 7643 section 2.2 defaults.
  return {
    name: raw['name'],
    type,
    multiValued: raw['multiValued'] === true,
    required: raw['required'] === true,
    caseExact: raw['caseExact'] === true,
    mutability: pick<Mutability>(raw['mutability'], ALLOWED.mutability, 'readWrite'),
    returned: pick<Returned>(raw['returned'], ALLOWED.returned, 'default'),
    uniqueness: pick<Uniqueness>(raw['uniqueness'], ALLOWED.uniqueness, 'none'),
    ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
    ...(canonicalValues ? { canonicalValues } : {}),
    ...(referenceTypes ? { referenceTypes } : {}),
    ...(type === 'complex' && subAttributes ? { subAttributes } : {}),
  }
}

/**
 * Reads a /Schemas entry leniently into a SchemaDefinition: attributes without a
 * usable name or type are dropped (checkSchemaRepresentation reports them).
 * Undefined when the entry has no id or no attributes array.
 */
export function readSchemaDefinition(body: unknown): SchemaDefinition | undefined {
  if (!isRecord(body) || typeof body['id'] !== 'string' || !Array.isArray(body['attributes'])) return undefined
  return {
    id: body['id'],
    name: typeof body['name'] === 'string' ? body['name'] : body['id'],
    ...(typeof body['description'] === 'string' ? { description: body['description'] } : {}),
    attributes: body['attributes'].map(readAttribute).filter((a) => a !== undefined),
  }
}

/**
 * The JSON Schema of a response as the target declared it: for a core schema
 * with its extensions under their URN keys. Nothing is required (the request may
 * have limited the attributes returned); types, multi-valuedness and returned:never
 * are held to the declaration. Compile it with compileSchema from validate.ts.
 */
export function declaredToJsonSchema(schema: SchemaDefinition, extensions: readonly SchemaDefinition[] = []): Record<string, unknown> {
  const ruleLabel = (path: string, owner: SchemaDefinition): string => `RFC7643 7 declared ${owner.id} ${path}`
  const core = toJsonSchema(schema, { mode: 'response', ruleLabel, rootRule: `RFC7643 7 declared ${schema.id}` })
  const properties = { ...(core['properties'] as Record<string, unknown>) }
  for (const extension of extensions) {
    properties[extension.id] = toJsonSchema(extension, { mode: 'response', ruleLabel, rootRule: `RFC7643 7 declared ${extension.id}` })
  }
  return { ...core, properties }
}
