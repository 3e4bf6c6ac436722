import type { MappedAttribute, ResourceKind } from '../profile.ts'
import type { JsonObject, JsonValue } from '../scim/types.ts'
import type { AttrPath } from '../scim/filter/ast.ts'
import type { AttributeLookup } from '../scim/filter/evaluate.ts'
import { foldCase } from '../scim/case-fold.ts'

// Values for a profile's mapped attributes, written and read in Entra's path form
// (userName, name.givenName, emails[type eq "work"].value, urn:…:User:department).
// Entra POSTs a filtered path as one element of its multi-valued attribute and
// reads attribute names case-insensitively.

export interface EntraPath {
  /** The extension schema URN for a qualified path, e.g. the enterprise User URN. */
  readonly urn?: string
  readonly attribute: string
  /** `[type eq "work"]`, `[primary eq "True"]`: selects one element of a multi-valued attribute. */
  readonly filter?: { readonly attribute: string; readonly value: string | boolean }
  readonly sub?: string
}

const PATH = /^(?:(urn:[^[\]]*):)?([A-Za-z$][\w$-]*)(?:\[(\w+) eq (?:"([^"]*)"|(true|false))\])?(?:\.([\w$]+))?$/i

export function parseEntraPath(path: string): EntraPath {
  const match = PATH.exec(path)
  if (!match?.[2]) throw new Error(`not an Entra attribute path: ${path}`)
  const [, urn, attribute, filterAttribute, quoted, bare, sub] = match
  const filterValue = quoted ?? bare
  return {
    ...(urn ? { urn } : {}),
    attribute,
    ...(filterAttribute && filterValue !== undefined ? { filter: { attribute: filterAttribute, value: filterTyped(filterAttribute, filterValue) } } : {}),
    ...(sub ? { sub } : {}),
  }
}

/** `primary eq "True"` selects the element whose primary is the boolean true. */
function filterTyped(attribute: string, value: string): string | boolean {
  return attribute.toLowerCase() === 'primary' ? value.toLowerCase() === 'true' : value
}

/** References (manager, members) need another resource's id: the caller supplies them. */
export const needsReference = (attribute: MappedAttribute): boolean => attribute.type === 'Reference' && /manager$|^members$/i.test(attribute.path)

/** A value of the attribute's type, unique to `token` where the attribute could be unique. */
export function sampleValue(kind: ResourceKind, attribute: MappedAttribute, token: string): JsonValue {
  const path = parseEntraPath(attribute.path)
  const leaf = (path.sub ?? path.attribute).toLowerCase()
  const owner = path.attribute.toLowerCase()
  switch (attribute.type) {
    case 'Boolean':
      return true
    case 'Integer':
      return 42
    case 'DateTime':
      return '2024-05-06T07:08:09Z'
    case 'Binary':
      return Buffer.from(`certificate ${token}`).toString('base64')
    case 'Reference':
      return `https://example.com/${owner}/${token}`
    case 'String':
      break
  }
  if (kind === 'Group' && owner === 'displayname') return token
  if (owner === 'username') return `${token}@example.com`
  if (owner === 'emails') return `${token}.${String(path.filter?.value ?? 'mail').toLowerCase()}@example.com`
  if (owner === 'ims') return `${token}@xmpp.example.com`
  // Digits without formatting, as Entra's source usually holds them: a server that reformats them is caught.
  if (owner === 'phonenumbers') return `425555${digitsOf(`${token}${String(path.filter?.value)}`)}`
  const fixed: Record<string, string> = {
    preferredlanguage: 'en-US', locale: 'en-US', timezone: 'America/Los_Angeles', country: 'US', region: 'WA',
    locality: 'Redmond', postalcode: '98052', streetaddress: `1 ${token} Way`, formatted: `1 ${token} Way, Redmond WA 98052`,
  }
  return fixed[leaf] ?? `${leaf}-${token}`
}

function digitsOf(text: string): string {
  let hash = 7
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 10_000
  return hash.toString().padStart(4, '0')
}

/** The POST body fragment Entra builds from path-form values; `base` is not modified. */
export function withValues(base: JsonObject, values: readonly (readonly [string, JsonValue])[]): JsonObject {
  const body = structuredClone(base)
  for (const [path, value] of values) setValue(body, parseEntraPath(path), value)
  return body
}

function setValue(body: JsonObject, path: EntraPath, value: JsonValue): void {
  const target = path.urn ? objectAt(body, path.urn) : body
  if (path.filter) {
    const list = Array.isArray(target[path.attribute]) ? (target[path.attribute] as JsonValue[]) : []
    target[path.attribute] = list
    const { attribute, value: selector } = path.filter
    let element = list.find((e): e is JsonObject => isObject(e) && e[attribute] === selector)
    if (!element) {
      element = { [attribute]: selector }
      list.push(element)
    }
    element[path.sub ?? 'value'] = value
    return
  }
  if (path.sub) objectAt(target, path.attribute)[path.sub] = value
  else target[path.attribute] = value
}

function objectAt(body: JsonObject, key: string): JsonObject {
  const existing = body[key]
  if (isObject(existing)) return existing
  const created: JsonObject = {}
  body[key] = created
  return created
}

/** The value at a path-form attribute of a returned resource; names match case-insensitively (RFC 7643 2.1). */
export function readValue(resource: unknown, pathText: string): JsonValue | undefined {
  const path = parseEntraPath(pathText)
  const holder = path.urn ? get(resource, path.urn) : resource
  const value = get(holder, path.attribute)
  if (path.filter) {
    const { attribute, value: selector } = path.filter
    const element = Array.isArray(value) ? value.find((e) => selects(get(e, attribute), selector)) : undefined
    return get(element, path.sub ?? 'value')
  }
  if (path.sub) return get(value, path.sub)
  // A Reference written as a bare id (manager) is read back as the complex {"value": id}.
  return isObject(value) && /manager$/i.test(path.attribute) ? get(value, 'value') : value
}

function selects(actual: JsonValue | undefined, selector: string | boolean): boolean {
  if (typeof selector === 'boolean') return actual === selector || (typeof actual === 'string' && actual.toLowerCase() === String(selector))
  return typeof actual === 'string' && actual.toLowerCase() === selector.toLowerCase()
}

function get(holder: unknown, name: string): JsonValue | undefined {
  if (!isObject(holder)) return undefined
  const key = Object.keys(holder).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : holder[key]
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The literal Entra writes after `eq`: strings quoted, booleans bare. */
export function filterLiteral(value: JsonValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/**
 * Attributes whose read-back value differs from what was sent, as `path: sent → read` lines.
 * The case of a caseExact=false string may differ (RFC 7643 2.2, see case-fold.ts).
 */
export function differences(resource: unknown, expected: readonly (readonly [string, JsonValue])[], lookup: AttributeLookup): string[] {
  return expected.flatMap(([path, sent]) => {
    const read = readValue(resource, path)
    const definition = lookup(attrPathOf(parseEntraPath(path)))
    const same = read === sent || (read !== undefined && foldCase(definition, read) === foldCase(definition, sent))
    return same ? [] : [`${path}: sent ${JSON.stringify(sent)}, read back ${describeRead(read, sent)}`]
  })
}

/** What a GET gave for a value, quoted and shortened, with why it is not what was sent when the shape says so. */
export function describeRead(read: JsonValue | undefined, sent: JsonValue): string {
  if (read === undefined) return 'nothing (the attribute is absent)'
  const text = JSON.stringify(read)
  const quoted = text.length > 120 ? `${text.slice(0, 117)}...` : text
  if (Array.isArray(read) && !Array.isArray(sent)) return `${quoted}, an array where one value belongs (the attribute is single-valued)`
  return quoted
}

/** The attribute an Entra path names the value of: a filtered path names its sub-attribute, "value" by default. */
function attrPathOf(path: EntraPath): AttrPath {
  const sub = path.sub ?? (path.filter ? 'value' : undefined)
  return { ...(path.urn ? { uri: path.urn } : {}), attr: path.attribute, ...(sub ? { sub } : {}) }
}

/** Path-form values for every mapped attribute `keep` selects, except references (supplied by the caller). */
export function profileValues(kind: ResourceKind, attributes: readonly MappedAttribute[], token: string, keep: (attribute: MappedAttribute) => boolean = () => true): [string, JsonValue][] {
  return attributes.filter((a) => !needsReference(a) && keep(a)).map((a) => [a.path, sampleValue(kind, a, token)])
}
