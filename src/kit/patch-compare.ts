import type { MappedAttribute } from '../profile.ts'
import { foldCase } from '../scim/case-fold.ts'
import { evaluateFilter, type AttributeLookup } from '../scim/filter/evaluate.ts'
import { parsePatchPath } from '../scim/filter/parse.ts'
import type { JsonObject, JsonValue, ScimResource } from '../scim/types.ts'

// Server state against the PATCH oracle, over the attributes the profile maps.
// Each mapped path (Entra's target form: userName, name.givenName,
// emails[type eq "work"].value, urn:...:User:manager, members) is read from both
// resources: multi-valued results compare as sets; a reference (manager, members)
// compares by its "value", as the server fills in $ref and display itself; meta is
// never mapped, so server-managed attributes are ignored. Values are compared as they
// are, never normalised (Entra re-sends anything that comes back different,
// Microsoft's Entra SCIM documentation, data fidelity), except the case of a caseExact=false
// string, which RFC 7643 2.2 lets the server alter.

export interface AttributeDifference {
  readonly path: string
  readonly expected: readonly JsonValue[]
  readonly actual: readonly JsonValue[]
}

/** The mapped paths whose values differ; empty when the server holds what the oracle says. */
export function compareMapped(expected: ScimResource, actual: ScimResource, attributes: readonly MappedAttribute[], lookup: AttributeLookup): AttributeDifference[] {
  const differences: AttributeDifference[] = []
  for (const { path } of attributes) {
    const want = readMapped(expected, path)
    const got = readMapped(actual, path)
    const definition = definitionOf(path, lookup)
    const fold = (values: readonly JsonValue[]) => values.map((v) => foldCase(definition, v))
    if (!sameSet(fold(want), fold(got))) differences.push({ path, expected: want, actual: got })
  }
  return differences
}

/** The definition of the value a mapped path names (a filtered path names its sub-attribute, "value" by default). */
function definitionOf(path: string, lookup: AttributeLookup) {
  const parsed = parsePatchPath(path)
  return parsed.kind === 'valuePath' ? lookup({ ...parsed.path, sub: parsed.sub ?? 'value' }) : lookup(parsed.path)
}

/** Every value a mapped path names in a resource (an absent attribute names none). */
export function readMapped(resource: ScimResource, path: string): JsonValue[] {
  const parsed = parsePatchPath(path)
  const holder = parsed.path.uri ? objectAt(resource, parsed.path.uri) : resource
  const top = holder === undefined ? undefined : at(holder, parsed.path.attr)
  if (top === undefined || top === null) return []
  const elements = Array.isArray(top) ? top : [top]
  const sub = parsed.kind === 'valuePath' ? parsed.sub : parsed.path.sub
  const selected = parsed.kind === 'valuePath'
    ? elements.filter((e) => isObject(e) && evaluateFilter(parsed.filter, e as ScimResource, () => undefined))
    : elements
  return selected.flatMap((element) => {
    const value = sub === undefined ? referenceValue(element) : isObject(element) ? at(element, sub) : undefined
    return value === undefined || value === null ? [] : [value]
  })
}

/** A reference (manager, a member) is known by its value; a bare string where an object belongs stays a string, so it differs. */
function referenceValue(element: JsonValue): JsonValue {
  const value = isObject(element) ? at(element, 'value') : undefined
  return value === undefined ? element : { value }
}

function objectAt(resource: ScimResource, uri: string): JsonObject | undefined {
  const value = at(resource, uri)
  return isObject(value) ? value : undefined
}

/** RFC 7643 section 2.1: attribute names and schema URIs are case-insensitive. */
function at(object: JsonObject, name: string): JsonValue | undefined {
  if (Object.hasOwn(object, name)) return object[name]
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : object[key]
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameSet(a: readonly JsonValue[], b: readonly JsonValue[]): boolean {
  const left = new Set(a.map(canonical))
  const right = new Set(b.map(canonical))
  return left.size === right.size && [...left].every((x) => right.has(x))
}

/** JSON with object keys sorted, so key order never makes two values differ. */
export function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`).join(',')}}`
  return JSON.stringify(value)
}
